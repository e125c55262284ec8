/** Second accounts for server-level tests: invited by the app's owner, signed in with their own session. */
import { appFetch, sessionCookie, type AppServer } from './app-server';

let invited = 0;

/** Invites a new member to `org` with `role`, accepts the invitation, and returns a fetch signed in as them. */
export async function inviteMember(app: AppServer, role: 'viewer' | 'editor' | 'admin', org = 'acme'): Promise<AppServer['fetch']> {
	const email = `member-${process.pid}-${++invited}-${Date.now()}@organichart.test`;
	const invitation = await app.fetch(`/api/orgs/${org}/invitations`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ email, role })
	});
	if (invitation.status !== 201) throw new Error(`Invitation failed: ${invitation.status} ${await invitation.text()}`);
	const { token } = (await invitation.json()) as { token: string };
	const accepted = await fetch(`${app.url}/api/auth/accept-invite`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: app.url },
		body: JSON.stringify({ token, name: `Member ${invited}`, password: 'a long enough password' })
	});
	if (accepted.status !== 201) throw new Error(`Accepting the invitation failed: ${accepted.status} ${await accepted.text()}`);
	return appFetch(app.url, sessionCookie(accepted));
}
