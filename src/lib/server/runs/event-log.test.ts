import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, test } from 'vitest';
import type { LoggedEvent, RunEventLog } from './event-log';
import { createMemoryEventLog } from './memory-event-log';
import { createRedisEventLog } from './redis-event-log';

const targets: { label: string; create: () => RunEventLog }[] = [{ label: 'memory', create: () => createMemoryEventLog() }];
const redisUrl = process.env.TEST_REDIS_URL;
if (redisUrl) targets.push({ label: 'redis', create: () => createRedisEventLog(redisUrl) });

const delta = (text: string) => ({ type: 'delta' as const, content: { content: text } });

/** Collects what a follower sees until the log ends. */
function collect(log: RunEventLog, runId: string, afterId: number) {
	const seen: LoggedEvent[] = [];
	const ended = new Promise<LoggedEvent[]>((resolve) => {
		void log.follow(runId, afterId, { onEvent: (entry) => seen.push(entry), onEnd: () => resolve(seen) });
	});
	return ended;
}

for (const target of targets) {
	describe(`run event log (${target.label})`, () => {
		const log = target.create();
		const other = target.label === 'redis' ? target.create() : log;
		afterAll(async () => {
			await log.close();
			if (other !== log) await other.close();
		});

		test('numbers events from 1 and replays only what came after Last-Event-ID', async () => {
			const runId = randomUUID();
			await log.open(runId);
			expect(await log.append(runId, delta('a'))).toBe(1);
			expect(await log.append(runId, delta('b'))).toBe(2);
			const following = collect(other, runId, 1);
			await new Promise((resolve) => setTimeout(resolve, 50));
			await log.append(runId, delta('c'));
			await log.finish(runId);
			const seen = await following;
			expect(seen.map((entry) => entry.id)).toEqual([2, 3]);
			expect(seen.map((entry) => (entry.event.type === 'delta' ? entry.event.content.content : ''))).toEqual(['b', 'c']);
		});

		test('a follower that arrives after the end gets the whole log and the end', async () => {
			const runId = randomUUID();
			await log.open(runId);
			await log.append(runId, delta('x'));
			await log.append(runId, { type: 'done', finishReason: 'stop' });
			await log.finish(runId);
			const seen = await collect(other, runId, 0);
			expect(seen.map((entry) => entry.event.type)).toEqual(['delta', 'done']);
			expect(await other.isLive(runId)).toBe(false);
			expect(await other.has(runId)).toBe(true);
		});

		test('a stop requested anywhere reaches the executing instance', async () => {
			const runId = randomUUID();
			await log.open(runId);
			expect(await other.isLive(runId)).toBe(true);
			const stopped = new Promise<void>((resolve) => void log.onStopRequested(runId, resolve));
			await new Promise((resolve) => setTimeout(resolve, 50));
			await other.requestStop(runId);
			await expect(stopped).resolves.toBeUndefined();
			await log.finish(runId);
		});

		test('an unknown run is not known', async () => {
			expect(await other.has(randomUUID())).toBe(false);
		});

		test('an approval is settled once, by the first answer, and reaches the executing side from anywhere', async () => {
			const runId = randomUUID();
			await log.open(runId);
			const answers: [string, string][] = [];
			const unsubscribe = await log.onApproval(runId, (toolId, answer) => answers.push([toolId, answer]));
			expect(await other.requestApproval(runId, 'call_1', 'approved')).toBe(false);
			await log.openApproval(runId, 'call_1');
			expect(await other.requestApproval(runId, 'call_1', 'denied')).toBe(true);
			expect(await other.requestApproval(runId, 'call_1', 'approved')).toBe(false);
			expect(await log.requestApproval(runId, 'call_1', 'timed_out')).toBe(false);
			await expect.poll(() => answers).toEqual([['call_1', 'denied']]);
			unsubscribe();
			await log.finish(runId);
		});
	});
}
