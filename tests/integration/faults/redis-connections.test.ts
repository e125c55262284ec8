/**
 * Redis connections dropping under a live answer, with two instances sharing PostgreSQL and a
 * private redis-server: followers pull from the run's stream after their last id, so they get every
 * event exactly once whatever is killed, and a Redis restart without persistence neither renumbers
 * events nor lets a second answer start in the conversation.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { AppServer } from '../../helpers/app-server';
import { databaseUrl, expectWholeStream, followFrom, printLogsOnFailure, startFaultStack, startFollowedRun, type FaultStack } from '../../helpers/fault-stack';
import { answerText, postChat } from '../../helpers/sse';

describe.skipIf(!databaseUrl)('Redis connections dropping mid-answer (two instances)', () => {
	let stack: FaultStack;
	let a: AppServer;
	let b: AppServer;
	beforeAll(async () => {
		// "help" is ~200 tokens: about 5 s at 25 ms a token.
		stack = await startFaultStack({ env: { OFFLINE_TOKEN_DELAY_MS: '25' } });
		// One after the other: two instances migrating a fresh database at once would race.
		a = await stack.startApp();
		b = await stack.startApp();
	});
	afterAll(() => stack?.stop());
	beforeEach(() => printLogsOnFailure(() => stack));

	test('killing the reader and subscriber connections again and again: every follower gets every event once, then done', async () => {
		const run = await startFollowedRun(a, { text: 'help', orgId: 'acme' });
		const onB = followFrom(b, run.runId, 0);
		const onBLater = followFrom(b, run.runId, 1);
		let kills = 0;
		const killer = setInterval(() => {
			const type = kills++ % 2 === 0 ? 'normal' : 'pubsub';
			void stack.redis.admin.call('CLIENT', 'KILL', 'TYPE', type).catch(() => {});
		}, 250);
		try {
			const [seenOnA, seenOnB, seenOnBLater] = await Promise.all([run.finished, onB, onBLater]);
			expect(kills).toBeGreaterThan(5);
			for (const seen of [seenOnA, seenOnB]) {
				expectWholeStream(seen);
				expect(seen.at(-1)?.event).toMatchObject({ type: 'done' });
			}
			expectWholeStream(seenOnBLater, 1);
			expect(seenOnB).toEqual(seenOnA);
			expect(seenOnBLater).toEqual(seenOnA.slice(1));
			expect(answerText(seenOnA)).toMatch(/offline assistant/);
		} finally {
			clearInterval(killer);
		}
	}, 60_000);

	test('Redis restarted without persistence mid-answer: followers end with the real outcome, ids never repeat, no second answer starts', async () => {
		const run = await startFollowedRun(a, { text: 'help', orgId: 'acme' });
		const onB = followFrom(b, run.runId, 0);
		await new Promise((resolve) => setTimeout(resolve, 1_200));
		await stack.redis.restart();
		// The conversation's answer is still being written (its lease is held): a second one is refused.
		const second = await postChat(b, { text: 'help', orgId: 'acme', conversationId: run.conversationId });
		expect(second.status).toBe(409);
		expect((await second.json()).error.code).toBe('run_active');
		const [seenOnA, seenOnB] = await Promise.all([run.finished, onB]);
		for (const seen of [seenOnA, seenOnB]) {
			expectWholeStream(seen);
			expect(seen.at(-1)?.event).toMatchObject({ type: 'done' });
		}
		expect(seenOnB).toEqual(seenOnA);
		// A late follower replays the whole run from the re-written stream (or the database), same ids, same text.
		const replay = await followFrom(b, run.runId, 0);
		expect(replay).toEqual(seenOnA);
		const view = await (await b.fetch(`/api/chat/conversations/${run.conversationId}`)).json();
		const answers = view.messages.filter((message: { role: string }) => message.role === 'assistant');
		expect(answers).toHaveLength(1);
		expect(answers[0]).toMatchObject({ status: 'done', content: answerText(seenOnA) });
	}, 60_000);
});
