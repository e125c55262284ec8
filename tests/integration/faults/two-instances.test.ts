/**
 * Two instances sharing PostgreSQL and a private Redis, with a short lease (RUN_LEASE_S=3): an answer
 * started on A is followed and stopped from B; after A is SIGKILLed, B closes its answer exactly once,
 * as interrupted, and only once A's lease has expired.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { AppServer } from '../../helpers/app-server';
import { databaseUrl, expectWholeStream, followFrom, printLogsOnFailure, startFaultStack, startFollowedRun, type FaultStack } from '../../helpers/fault-stack';
import { answerText } from '../../helpers/sse';

const LEASE_S = 3;

describe.skipIf(!databaseUrl)('two instances: follow, stop and take over across instances', () => {
	let stack: FaultStack;
	let a: AppServer;
	let b: AppServer;
	beforeAll(async () => {
		stack = await startFaultStack({ env: { OFFLINE_TOKEN_DELAY_MS: '40', RUN_LEASE_S: String(LEASE_S) } });
		// One after the other: two instances migrating a fresh database at once would race.
		a = await stack.startApp();
		b = await stack.startApp();
	});
	afterAll(() => stack?.stop());
	beforeEach(() => printLogsOnFailure(() => stack));

	test('started on A, followed and stopped from B: both streams end with done (stopped), the same events', async () => {
		const run = await startFollowedRun(a, { text: 'help', orgId: 'acme' });
		const onB = followFrom(b, run.runId, 0);
		await new Promise((resolve) => setTimeout(resolve, 800));
		const stop = await b.fetch(`/api/chat/runs/${run.runId}/stop`, { method: 'POST' });
		expect(stop.status).toBe(200);
		const [seenOnA, seenOnB] = await Promise.all([run.finished, onB]);
		expectWholeStream(seenOnA);
		expect(seenOnA.at(-1)?.event).toMatchObject({ type: 'done', finishReason: 'stopped' });
		expect(seenOnB).toEqual(seenOnA);
	}, 40_000);

	test('A killed mid-answer: B closes the run once, as interrupted, only after the lease expired', async () => {
		const run = await startFollowedRun(a, { text: 'help', orgId: 'acme' });
		run.finished.catch(() => {}); // A's own stream dies with it.
		await new Promise((resolve) => setTimeout(resolve, 800));
		const killedAt = Date.now();
		a.process.kill('SIGKILL');
		const [first, second] = await Promise.all([followFrom(b, run.runId, 0), followFrom(b, run.runId, 2)]);
		const closedAt = Date.now();
		// The lease was renewed at most LEASE_S / 3 before the kill, so it expired at least 2/3 of it after.
		expect(closedAt - killedAt).toBeGreaterThanOrEqual((LEASE_S * 1000 * 2) / 3);
		expectWholeStream(first);
		expectWholeStream(second, 2);
		expect(first.at(-1)?.event).toMatchObject({ type: 'error', error: expect.stringMatching(/interrupted/i) });
		expect(first.filter((item) => item.event.type === 'error')).toHaveLength(1);
		expect(second).toEqual(first.slice(2));
		// Replayed later, the run still ends the same single way.
		const replay = await followFrom(b, run.runId, 0);
		expect(replay).toEqual(first);
		const view = await (await b.fetch(`/api/chat/conversations/${run.conversationId}`)).json();
		expect(view.activeRunId).toBeNull();
		expect(view.messages.at(-1)).toMatchObject({ role: 'assistant', status: 'error' });
		expect(answerText(first).length).toBeGreaterThan(0);
	}, 40_000);
});
