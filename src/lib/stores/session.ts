/**
 * Who is using the page: still checking, first run (setup), signed out, or signed in with their
 * memberships. Owned here; the page shows the matching screen and loads data once signed in.
 */
import { get, writable, type Readable } from 'svelte/store';
import { ApiError, onUnauthorized } from '$lib/client/api';
import { acceptInvite, getMe, getSetupStatus, login, logout, setupOwner, type Membership, type User } from '$lib/client/account-api';

export type SessionState =
	| { status: 'loading' }
	| { status: 'setup' }
	/** `notice`: why the page is signed out when the user did not ask (the session ended). */
	| { status: 'signed-out'; notice?: string }
	| { status: 'signed-in'; user: User; memberships: Membership[] }
	/** The server could not be asked (down, offline): nothing else can be shown. */
	| { status: 'unavailable'; message: string };

const state = writable<SessionState>({ status: 'loading' });
/** The current session state. */
export const session: Readable<SessionState> = { subscribe: state.subscribe };

// Any call answered 401 (other than signing in) means the session ended under the page.
onUnauthorized(() => {
	if (get(state).status === 'signed-in') state.set({ status: 'signed-out', notice: 'Your session has ended. Sign in again.' });
});

/** Asks the server whether it needs setup and who is signed in, and moves to the matching state. */
export async function refreshSession(): Promise<SessionState> {
	let next: SessionState;
	try {
		const { needed } = await getSetupStatus();
		next = needed ? { status: 'setup' } : { status: 'signed-in', ...(await getMe()) };
	} catch (error) {
		if (error instanceof ApiError && error.status === 401) next = { status: 'signed-out' };
		else next = { status: 'unavailable', message: error instanceof Error ? error.message : 'Could not reach the server.' };
	}
	state.set(next);
	return next;
}

/** Re-reads the memberships (after creating an organization or a role change). */
export async function refreshMemberships(): Promise<void> {
	if (get(state).status !== 'signed-in') return;
	const me = await getMe();
	state.set({ status: 'signed-in', ...me });
}

/** Signs in with email and password; throws the server's ApiError (401 generic message, 429 with Retry-After). */
export async function signIn(email: string, password: string): Promise<void> {
	await login({ email, password });
	await refreshSession();
}

/** Signs out on the server, then here (even when the server could not be told). */
export async function signOut(): Promise<void> {
	try {
		await logout();
	} finally {
		state.set({ status: 'signed-out' });
	}
}

/** Creates the owner account on a first run and signs it in. */
export async function completeSetup(body: { name: string; email: string; password: string }): Promise<void> {
	await setupOwner(body);
	await refreshSession();
}

/** Accepts an invitation (creates the account) and signs it in; resolves to the joined org's slug when known. */
export async function acceptInvitation(body: { token: string; name: string; password: string }): Promise<string | undefined> {
	const { membership } = await acceptInvite(body);
	await refreshSession();
	return membership.slug;
}
