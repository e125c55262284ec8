/** First run, the owner from the environment, and the rate limits on sign-in and on chat runs, on the built server. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { anonymousFetch, json } from '../helpers/accounts';
import { sessionCookie, startAppServer, type AppServer } from '../helpers/app-server';
import { postChat, readEvents } from '../helpers/sse';

describe('first run without ADMIN_EMAIL', () => {
	let app: AppServer;
	afterAll(() => app?.stop());

	test('setup is needed, creates the owner of the demo org once, then answers 409', async () => {
		app = await startAppServer({ ADMIN_EMAIL: '', ADMIN_PASSWORD: '' });
		const anyone = anonymousFetch(app);
		expect(await (await anyone('/api/auth/setup')).json()).toEqual({ needed: true });
		expect((await anyone('/api/orgs/acme/people')).status).toBe(401);
		const weak = await anyone('/api/auth/setup', { method: 'POST', headers: json, body: JSON.stringify({ email: 'me@organichart.test', password: 'short', name: 'Me' }) });
		expect(weak.status).toBe(400);
		const setup = await anyone('/api/auth/setup', { method: 'POST', headers: json, body: JSON.stringify({ email: 'me@organichart.test', password: 'a long password', name: 'Me' }) });
		expect(setup.status).toBe(201);
		const cookie = sessionCookie(setup);
		const me = await (await anyone('/api/auth/me', { headers: { cookie } })).json();
		expect(me).toMatchObject({ user: { email: 'me@organichart.test', name: 'Me' }, memberships: [{ role: 'owner', slug: 'acme' }] });
		expect((await anyone('/api/orgs/acme/people', { headers: { cookie } })).status).toBe(200);
		expect(await (await anyone('/api/auth/setup')).json()).toEqual({ needed: false });
		const again = await anyone('/api/auth/setup', { method: 'POST', headers: json, body: JSON.stringify({ email: 'two@organichart.test', password: 'a long password', name: 'Two' }) });
		expect(again.status).toBe(409);
		// Starts a server of its own (migrations, seed) inside the test.
	}, 60_000);
});

describe('ADMIN_EMAIL and ADMIN_PASSWORD', () => {
	const dataDir = mkdtempSync(join(tmpdir(), 'organichart-admin-'));
	afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

	test('create the owner at start, and reset its password on the next start', async () => {
		const email = 'boss@organichart.test';
		const first = await startAppServer({ ADMIN_EMAIL: email, ADMIN_PASSWORD: 'first password' }, dataDir);
		await first.stop();
		const second = await startAppServer({ ADMIN_EMAIL: email, ADMIN_PASSWORD: 'second password' }, dataDir);
		try {
			const login = (password: string) =>
				anonymousFetch(second)('/api/auth/login', { method: 'POST', headers: json, body: JSON.stringify({ email, password }) });
			expect((await login('first password')).status).toBe(401);
			expect((await login('second password')).status).toBe(200);
			const memberships = (await (await second.fetch('/api/auth/me')).json()).memberships;
			expect(memberships).toEqual([expect.objectContaining({ slug: 'acme', role: 'owner' })]);
		} finally {
			await second.stop();
		}
		// Two cold server starts inside one test.
	}, 90_000);
});

describe('rate limits', () => {
	let app: AppServer;
	afterAll(() => app?.stop());

	test('sign-in failures beyond LOGIN_MAX_FAILURES get 429 with Retry-After, even with the right password', async () => {
		app = await startAppServer({ LOGIN_MAX_FAILURES: '3', CHAT_RUNS_PER_MINUTE: '2' });
		const login = (password: string) =>
			anonymousFetch(app)('/api/auth/login', { method: 'POST', headers: json, body: JSON.stringify({ email: app.admin!.email, password }) });
		for (let attempt = 0; attempt < 3; attempt++) expect((await login('wrong password')).status).toBe(401);
		const limited = await login(app.admin!.password);
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
		expect((await limited.json()).error.code).toBe('rate_limited');
		// The session made before the failures still works.
		expect((await app.fetch('/api/auth/me')).status).toBe(200);
		// Starts a server of its own inside the test.
	}, 60_000);

	test('chat runs beyond CHAT_RUNS_PER_MINUTE get 429 with Retry-After; a retry of the same message is not counted', async () => {
		const body = { text: 'How many people are in the org?', orgId: 'acme', clientMessageId: crypto.randomUUID() };
		await readEvents(await postChat(app, body));
		await readEvents(await postChat(app, body));
		await readEvents(await postChat(app, { text: 'Who is Jane Smith?', orgId: 'acme' }));
		const limited = await postChat(app, { text: 'Who is Jane Smith?', orgId: 'acme' });
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
	});
});
