import { get } from 'svelte/store';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { listPeople } from '$lib/client/api';
import { refreshSession, session, signIn } from './session';

type Route = { status: number; body: unknown; headers?: Record<string, string> };

/** Answers the page's fetches from a table of `METHOD path` → response. */
function serve(routes: Record<string, Route>) {
	vi.stubGlobal('fetch', async (path: string, init: RequestInit = {}) => {
		const route = routes[`${init.method ?? 'GET'} ${path}`] ?? { status: 404, body: { error: { code: 'not_found', message: 'Not found.' } } };
		return new Response(JSON.stringify(route.body), { status: route.status, headers: { 'content-type': 'application/json', ...route.headers } });
	});
}

const user = { id: 'u1', email: 'olivia@example.test', name: 'Olivia' };
const me = { user, memberships: [{ orgId: 'o1', role: 'owner', slug: 'acme', name: 'Acme' }] };
const unauthorized = { status: 401, body: { error: { code: 'unauthorized', message: 'Wrong email or password.' } } };

afterEach(() => vi.unstubAllGlobals());

describe('the session store', () => {
	test('a server without any account asks for setup', async () => {
		serve({ 'GET /api/auth/setup': { status: 200, body: { needed: true } } });
		expect((await refreshSession()).status).toBe('setup');
	});

	test('nobody signed in: the sign-in screen, without a "session ended" notice', async () => {
		serve({ 'GET /api/auth/setup': { status: 200, body: { needed: false } }, 'GET /api/auth/me': unauthorized });
		expect(await refreshSession()).toEqual({ status: 'signed-out' });
	});

	test('signing in loads the memberships; a wrong password leaves the page signed out with the server message', async () => {
		serve({ 'GET /api/auth/setup': { status: 200, body: { needed: false } }, 'GET /api/auth/me': unauthorized, 'POST /api/auth/login': unauthorized });
		await refreshSession();
		await expect(signIn(user.email, 'nope')).rejects.toThrow('Wrong email or password.');
		expect(get(session).status).toBe('signed-out');

		serve({ 'GET /api/auth/setup': { status: 200, body: { needed: false } }, 'GET /api/auth/me': { status: 200, body: me }, 'POST /api/auth/login': { status: 200, body: { user } } });
		await signIn(user.email, 'right');
		expect(get(session)).toEqual({ status: 'signed-in', ...me });
	});

	test('a 401 from any other call while signed in sends the page back to sign-in', async () => {
		serve({ 'GET /api/auth/setup': { status: 200, body: { needed: false } }, 'GET /api/auth/me': { status: 200, body: me } });
		await refreshSession();
		serve({ 'GET /api/orgs/acme/people': unauthorized });
		await expect(listPeople('acme')).rejects.toThrow();
		expect(get(session)).toEqual({ status: 'signed-out', notice: 'Your session has ended. Sign in again.' });
	});

	test('a server that cannot be reached is said so, not mistaken for signed out', async () => {
		vi.stubGlobal('fetch', async () => {
			throw new TypeError('fetch failed');
		});
		expect((await refreshSession()).status).toBe('unavailable');
	});
});
