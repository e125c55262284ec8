/**
 * Redis or PostgreSQL stops answering (a TCP proxy in between stops forwarding) for longer than the
 * run timeout (RUN_TIMEOUT_S=5): the answer still ends within its deadline plus 5 s, /healthz says
 * which part is down while it is, and everything works again once it is back.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { AppServer } from '../../helpers/app-server';
import { databaseUrl, expectWholeStream, printLogsOnFailure, startFaultStack, startFollowedRun, type FaultStack } from '../../helpers/fault-stack';
import { answerText, postChat, readEvents } from '../../helpers/sse';

const RUN_TIMEOUT_S = 5;

/** /healthz as a load balancer calls it: no session. */
async function health(app: AppServer) {
	const response = await fetch(`${app.url}/healthz`);
	return { status: response.status, body: await response.json() };
}

describe.skipIf(!databaseUrl)('storage paused longer than the run timeout', () => {
	let stack: FaultStack;
	let app: AppServer;
	beforeAll(async () => {
		// "help" takes ~10 s at 50 ms a token: longer than the run timeout.
		stack = await startFaultStack({
			proxyRedis: true,
			proxyPostgres: true,
			env: { OFFLINE_TOKEN_DELAY_MS: '50', RUN_TIMEOUT_S: String(RUN_TIMEOUT_S) }
		});
		app = await stack.startApp();
	});
	afterAll(() => stack?.stop());
	beforeEach(() => printLogsOnFailure(() => stack));

	test('Redis paused: the answer ends within its deadline, /healthz is 503 naming Redis, then 200 once it is back', async () => {
		const startedAt = Date.now();
		const run = await startFollowedRun(app, { text: 'help', orgId: 'acme' });
		// Mid-answer: once the text has begun.
		await expect.poll(() => run.received.some((item) => item.event.type === 'delta'), { interval: 20 }).toBe(true);
		stack.redisProxy!.pause();
		// Resumed after the answer's deadline in any case, so a failing assertion cannot leave the store paused.
		const safety = setTimeout(() => stack.redisProxy!.resume(), (RUN_TIMEOUT_S + 8) * 1000);
		try {
			const paused = await health(app);
			expect(paused.status).toBe(503);
			expect(paused.body).toMatchObject({ ok: false, db: 'postgres', llm: 'offline', redis: 'down', down: ['redis'] });
			const events = await run.finished;
			expect(Date.now() - startedAt).toBeLessThan((RUN_TIMEOUT_S + 5) * 1000);
			expectWholeStream(events);
			expect(events.at(-1)?.event).toMatchObject({ type: 'error', error: expect.stringMatching(/longer than 5 seconds/) });
			expect(answerText(events).length).toBeGreaterThan(0);
		} finally {
			clearTimeout(safety);
			stack.redisProxy!.resume();
		}
		await expect.poll(async () => (await health(app)).status, { timeout: 10_000 }).toBe(200);
		expect((await health(app)).body).toMatchObject({ ok: true, db: 'postgres', llm: 'offline', redis: 'up' });
	}, 40_000);

	test('PostgreSQL paused: the answer ends with an error within its deadline, /healthz is 503 naming the database, then chats work again', async () => {
		const startedAt = Date.now();
		const run = await startFollowedRun(app, { text: 'help', orgId: 'acme' });
		// Mid-answer: once the text has begun.
		await expect.poll(() => run.received.some((item) => item.event.type === 'delta'), { interval: 20 }).toBe(true);
		stack.postgresProxy!.pause();
		// Resumed after the answer's deadline in any case, so a failing assertion cannot leave the store paused.
		const safety = setTimeout(() => stack.postgresProxy!.resume(), (RUN_TIMEOUT_S + 8) * 1000);
		try {
			const paused = await health(app);
			expect(paused.status).toBe(503);
			expect(paused.body).toMatchObject({ ok: false, db: 'postgres', redis: 'up', down: ['database'] });
			const events = await run.finished;
			expect(Date.now() - startedAt).toBeLessThan((RUN_TIMEOUT_S + 5) * 1000);
			expectWholeStream(events);
			expect(events.at(-1)?.event.type).toBe('error');
			expect(answerText(events).length).toBeGreaterThan(0);
		} finally {
			clearTimeout(safety);
			stack.postgresProxy!.resume();
		}
		await expect.poll(async () => (await health(app)).status, { timeout: 25_000 }).toBe(200);
		const next = await readEvents(await postChat(app, { text: 'hello', orgId: 'acme' }));
		expect(next.at(-1)?.event.type).toBe('done');
	}, 60_000);
});
