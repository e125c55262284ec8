import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, test } from 'vitest';
import type { StreamEvent } from '$lib/protocol';
import type { LoggedEvent, RunEventLog } from './event-log';
import { createMemoryEventLog } from './memory-event-log';
import { createRedisEventLog } from './redis-event-log';

const targets: { label: string; create: () => RunEventLog }[] = [{ label: 'memory', create: () => createMemoryEventLog() }];
const redisUrl = process.env.TEST_REDIS_URL;
if (redisUrl) targets.push({ label: 'redis', create: () => createRedisEventLog(redisUrl) });

const delta = (text: string) => ({ type: 'delta' as const, content: { content: text } });

/** Appends events numbered after `from`. */
const entries = (from: number, ...events: StreamEvent[]): LoggedEvent[] => events.map((event, index) => ({ id: from + index + 1, event }));

/** Reads as a follower does, from `afterId` until the log ends. */
async function collect(log: RunEventLog, runId: string, afterId: number): Promise<LoggedEvent[]> {
	const seen: LoggedEvent[] = [];
	let last = afterId;
	for (;;) {
		const read = await log.read(runId, last, { waitMs: 1_000 });
		if (!read) throw new Error('the log is not known');
		seen.push(...read.events);
		last = read.events.at(-1)?.id ?? last;
		if (read.ended) return seen;
	}
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
			expect(await log.append(runId, entries(0, delta('a'), delta('b')))).toBe('ok');
			const following = collect(other, runId, 1);
			await new Promise((resolve) => setTimeout(resolve, 50));
			await log.append(runId, entries(2, delta('c')));
			await log.finish(runId);
			const seen = await following;
			expect(seen.map((entry) => entry.id)).toEqual([2, 3]);
			expect(seen.map((entry) => (entry.event.type === 'delta' ? entry.event.content.content : ''))).toEqual(['b', 'c']);
		});

		test('a retried append never doubles an event, and nothing is appended after the end', async () => {
			const runId = randomUUID();
			await log.open(runId);
			await log.append(runId, entries(0, delta('a'), delta('b')));
			expect(await log.append(runId, entries(0, delta('a'), delta('b'), delta('c')))).toBe('ok');
			await log.finish(runId);
			expect(await log.append(runId, entries(3, delta('late')))).toBe('finished');
			expect(await log.finish(runId)).toBe('ok');
			expect((await collect(other, runId, 0)).map((entry) => entry.id)).toEqual([1, 2, 3]);
		});

		test('a follower that arrives after the end gets the whole log and the end', async () => {
			const runId = randomUUID();
			await log.open(runId);
			await log.append(runId, entries(0, delta('x'), { type: 'done', finishReason: 'stop' }));
			await log.finish(runId);
			const seen = await collect(other, runId, 0);
			expect(seen.map((entry) => entry.event.type)).toEqual(['delta', 'done']);
			expect(await other.isLive(runId)).toBe(false);
			expect(await other.has(runId)).toBe(true);
		});

		test('a waiting reader wakes as soon as an event or the end arrives', async () => {
			const runId = randomUUID();
			await log.open(runId);
			const started = Date.now();
			const reading = other.read(runId, 0, { waitMs: 1_500 });
			await new Promise((resolve) => setTimeout(resolve, 100));
			await log.append(runId, entries(0, delta('now')));
			const read = await reading;
			expect(read?.events.map((entry) => entry.id)).toEqual([1]);
			expect(Date.now() - started).toBeLessThan(1_000);
			const ending = other.read(runId, 1, { waitMs: 1_500 });
			await log.finish(runId);
			expect(await ending).toEqual({ events: [], ended: true });
		});

		test('a log that vanished is reported missing, and written again from the first event with the same ids', async () => {
			const runId = randomUUID();
			await log.open(runId);
			await log.append(runId, entries(0, delta('a')));
			await log.discard(runId);
			expect(await log.append(runId, entries(1, delta('b')))).toBe('missing');
			expect(await log.append(runId, entries(0, delta('a'), delta('b')), { recreate: true })).toBe('ok');
			await log.finish(runId);
			expect((await collect(other, runId, 0)).map((entry) => entry.id)).toEqual([1, 2]);
		});

		test('endWith closes a live log once with its last word, and leaves an ended one alone', async () => {
			const runId = randomUUID();
			await log.open(runId);
			await log.append(runId, entries(0, delta('a')));
			expect(await other.endWith(runId, { type: 'error', error: 'interrupted' })).toBe(true);
			expect(await log.endWith(runId, { type: 'error', error: 'again' })).toBe(false);
			expect(await log.append(runId, entries(1, delta('late')))).toBe('finished');
			// What was logged (entries read back may also carry the JSON they were stored as).
			const seen = (await collect(log, runId, 0)).map(({ id, event }) => ({ id, event }));
			expect(seen).toEqual([
				{ id: 1, event: delta('a') },
				{ id: 2, event: { type: 'error', error: 'interrupted' } }
			]);
		});

		test('a stop requested anywhere reaches the executing instance, even one that starts listening later', async () => {
			const runId = randomUUID();
			await log.open(runId);
			expect(await other.isLive(runId)).toBe(true);
			const stopped = new Promise<void>((resolve) => void log.onStopRequested(runId, resolve));
			await new Promise((resolve) => setTimeout(resolve, 50));
			await other.requestStop(runId);
			await expect(stopped).resolves.toBeUndefined();
			const late = new Promise<void>((resolve) => void log.onStopRequested(runId, resolve));
			await expect(late).resolves.toBeUndefined();
			await log.finish(runId);
		});

		test('an unknown run is not known', async () => {
			expect(await other.has(randomUUID())).toBe(false);
			expect(await other.read(randomUUID(), 0, { waitMs: 0 })).toBeNull();
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

describe('memory event log eviction', () => {
	test('finished logs are evicted by count, oldest first, and live ones are kept', async () => {
		const log = createMemoryEventLog({ maxFinished: 2 });
		const ids = [randomUUID(), randomUUID(), randomUUID()];
		const live = randomUUID();
		await log.open(live);
		for (const runId of ids) {
			await log.open(runId);
			await log.finish(runId);
		}
		expect(await Promise.all(ids.map((runId) => log.has(runId)))).toEqual([false, true, true]);
		expect(await log.isLive(live)).toBe(true);
		await log.close();
	});

	test('finished logs are evicted by age', async () => {
		const log = createMemoryEventLog({ retentionMs: 50 });
		const runId = randomUUID();
		await log.open(runId);
		await log.finish(runId);
		await new Promise((resolve) => setTimeout(resolve, 1_200));
		expect(await log.has(runId)).toBe(false);
		await log.close();
	});
});
