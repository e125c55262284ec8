/** Accounts for server-level tests: members with a given role, made the way users are (invite, accept). */
import { randomUUID } from 'node:crypto';
import { appFetch, sessionCookie, type AppServer } from './app-server';

export type Member = { email: string; password: string; userId: string; cookie: string; fetch: AppServer['fetch'] };
export type Role = 'owner' | 'admin' | 'editor' | 'viewer';

/** Invites a new account into `org` with `role` (as `by`, the owner unless given) and accepts it. */
export async function addMember(app: AppServer, org: string, role: Role, by: AppServer['fetch'] = app.fetch): Promise<Member> {
	const email = `${role}-${randomUUID().slice(0, 8)}@organichart.test`;
	const password = 'a long test password';
	const invited = await by(`/api/orgs/${org}/invitations`, { method: 'POST', headers: json, body: JSON.stringify({ email, role }) });
	if (invited.status !== 201) throw new Error(`Inviting ${email} failed: ${invited.status} ${await invited.text()}`);
	const { token } = (await invited.json()) as { token: string };
	const accepted = await app.fetch('/api/auth/accept-invite', {
		method: 'POST',
		headers: { ...json, cookie: '' },
		body: JSON.stringify({ token, name: `Test ${role}`, password })
	});
	if (accepted.status !== 201) throw new Error(`Accepting the invitation failed: ${accepted.status} ${await accepted.text()}`);
	const body = (await accepted.json()) as { user: { id: string } };
	const cookie = sessionCookie(accepted);
	return { email, password, userId: body.user.id, cookie, fetch: appFetch(app.url, cookie) };
}

/** Invites an existing account into another org (it accepts with its own password). */
export async function inviteExisting(app: AppServer, org: string, member: Member, role: Role, by: AppServer['fetch'] = app.fetch): Promise<void> {
	const invited = await by(`/api/orgs/${org}/invitations`, { method: 'POST', headers: json, body: JSON.stringify({ email: member.email, role }) });
	const { token } = (await invited.json()) as { token: string };
	const accepted = await app.fetch('/api/auth/accept-invite', {
		method: 'POST',
		headers: { ...json, cookie: '' },
		body: JSON.stringify({ token, name: 'ignored', password: member.password })
	});
	if (accepted.status !== 201) throw new Error(`Accepting the invitation failed: ${accepted.status} ${await accepted.text()}`);
}

/** A fetch with a bearer token instead of a session (and no Origin, as scripts send). */
export function bearerFetch(app: AppServer, token: string): AppServer['fetch'] {
	return (path, init = {}) => {
		const headers = new Headers(init.headers);
		headers.set('authorization', `Bearer ${token}`);
		return fetch(`${app.url}${path}`, { ...init, headers });
	};
}

/** A fetch with no session and no token. */
export const anonymousFetch = (app: AppServer): AppServer['fetch'] => appFetch(app.url);

export const json = { 'content-type': 'application/json' };
