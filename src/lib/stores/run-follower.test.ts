import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '$lib/protocol';
import { ApiError } from '$lib/client/api';
import { followRun } from './run-follower';

const encoder = new TextEncoder();
const frame = (id: number, event: StreamEvent) => `id: ${id}\ndata: ${JSON.stringify(event)}\n\n`;
const sse = (text: string) => new Response(encoder.encode(text), { headers: { 'content-type': 'text/event-stream' } });
const start: StreamEvent = { type: 'start', runId: 'run-1', conversationId: 'c', messageId: 'run-1' };
const delta = (text: string): StreamEvent => ({ type: 'delta', content: { content: text } });
const noSleep = async () => {};

describe('followRun', () => {
	it('resumes a dropped stream from the last event id without posting again, skipping replayed events', async () => {
		let posts = 0;
		const resumes: { runId: string; lastEventId: number }[] = [];
		const texts: string[] = [];
		let runId: string | null = null;
		const end = await followRun({
			open: async () => {
				posts++;
				return sse(frame(1, start) + frame(2, delta('Hel')));
			},
			resume: async (id, lastEventId) => {
				resumes.push({ runId: id, lastEventId });
				// The server replays from the id it was given; an overlapping event must not be applied twice.
				return sse(frame(2, delta('Hel')) + frame(3, delta('lo')) + frame(4, { type: 'done', finishReason: 'stop' }));
			},
			onEvent: (event) => {
				if (event.type === 'start') runId = event.runId;
				if (event.type === 'delta') texts.push(event.content.content);
			},
			runId: () => runId,
			sleep: noSleep
		});
		expect(end).toEqual({ kind: 'finished', last: 'done' });
		expect(posts).toBe(1);
		expect(resumes).toEqual([{ runId: 'run-1', lastEventId: 2 }]);
		expect(texts.join('')).toBe('Hello');
	});

	it('says when the connection dropped and when new events flow again (the page shows "reconnecting…")', async () => {
		const changes: boolean[] = [];
		let runId: string | null = null;
		let resumes = 0;
		const end = await followRun({
			open: async () => sse(frame(1, start) + frame(2, delta('a'))),
			resume: async () => {
				resumes++;
				// The first resume fails too; the second replays an old event, then brings a new one.
				if (resumes === 1) throw new TypeError('fetch failed');
				return sse(frame(2, delta('a')) + frame(3, delta('b')) + frame(4, { type: 'done', finishReason: 'stop' }));
			},
			onEvent: (event) => {
				if (event.type === 'start') runId = event.runId;
			},
			runId: () => runId,
			sleep: noSleep,
			onConnectionChange: (dropped) => changes.push(dropped)
		});
		expect(end).toEqual({ kind: 'finished', last: 'done' });
		expect(changes).toEqual([true, false]);
	});

	it('does not retry when the server refuses the message', async () => {
		let posts = 0;
		const end = await followRun({
			open: async () => {
				posts++;
				throw new ApiError('run_active', 'An answer is still being written.', 409);
			},
			resume: async () => sse(''),
			onEvent: () => {},
			runId: () => 'run-1',
			sleep: noSleep
		});
		expect(posts).toBe(1);
		expect(end).toMatchObject({ kind: 'failed', error: { code: 'run_active' } });
	});

	it('gives up with a readable error after the retries, and when the run is unknown', async () => {
		let resumes = 0;
		const dropped = await followRun({
			open: async () => sse(frame(1, start)),
			resume: async () => {
				resumes++;
				throw new ApiError('network', 'offline', 0);
			},
			onEvent: () => {},
			runId: () => 'run-1',
			retryDelaysMs: [1, 1, 1],
			sleep: noSleep
		});
		expect(resumes).toBe(3);
		expect(dropped).toMatchObject({ kind: 'failed', error: { message: expect.stringContaining('Lost the connection') } });

		const gone = await followRun({
			open: async () => sse(frame(1, start)),
			resume: async () => {
				throw new ApiError('not_found', 'That answer does not exist.', 404);
			},
			onEvent: () => {},
			runId: () => 'run-1',
			sleep: noSleep
		});
		expect(gone).toMatchObject({ kind: 'failed', error: { status: 404 } });
	});

	it('repeats the same request when the connection drops before the run started, never resuming blindly', async () => {
		let opens = 0;
		let runId: string | null = null;
		const seen: string[] = [];
		const end = await followRun({
			open: async () => {
				opens += 1;
				if (opens === 1) throw new TypeError('fetch failed');
				return sse(frame(1, start) + frame(2, delta('Hi')) + frame(3, { type: 'done', finishReason: 'stop' }));
			},
			resume: async () => {
				throw new Error('must not resume without a run');
			},
			onEvent: (event) => {
				seen.push(event.type);
				if (event.type === 'start') runId = event.runId;
			},
			runId: () => runId,
			sleep: noSleep
		});
		expect(end).toEqual({ kind: 'finished', last: 'done' });
		expect(opens).toBe(2);
		expect(seen).toEqual(['start', 'delta', 'done']);
	});

	it('gives up with a clear message when the answer never starts', async () => {
		let opens = 0;
		const end = await followRun({
			open: async () => {
				opens += 1;
				return sse(': connected\n\n');
			},
			resume: async () => sse(''),
			onEvent: () => {},
			runId: () => null,
			retryDelaysMs: [1, 1],
			sleep: noSleep
		});
		expect(opens).toBe(3);
		expect(end).toMatchObject({ kind: 'failed', error: { message: expect.stringContaining('before the answer started') } });
	});
});
