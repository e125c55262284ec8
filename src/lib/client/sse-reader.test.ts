import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '$lib/protocol';
import { readStreamEvents } from './sse-reader';

const encoder = new TextEncoder();

/** A body that delivers the given byte chunks one read at a time, then ends (or fails). */
function bodyOf(chunks: Uint8Array[], options: { failAtEnd?: boolean } = {}) {
	let cancelled = false;
	const stream = new ReadableStream<Uint8Array>({
		pull(controller) {
			const next = chunks.shift();
			if (next) controller.enqueue(next);
			else if (options.failAtEnd) controller.error(new TypeError('network reset'));
			else controller.close();
		},
		cancel() {
			cancelled = true;
		}
	});
	return { stream, wasCancelled: () => cancelled };
}

const frame = (id: number, event: unknown) => `id: ${id}\ndata: ${JSON.stringify(event)}\n\n`;

async function collect(chunks: Uint8Array[], options?: { failAtEnd?: boolean }) {
	const events: { id: number | undefined; event: StreamEvent }[] = [];
	const body = bodyOf(chunks, options);
	const outcome = await readStreamEvents(body.stream, (event, id) => events.push({ id, event }));
	return { events, outcome, cancelled: body.wasCancelled() };
}

describe('readStreamEvents', () => {
	it('keeps an event split across network reads, and a multi-byte character split between bytes', async () => {
		const text = frame(1, { type: 'start', runId: 'r', conversationId: 'c', messageId: 'm' }) +
			frame(2, { type: 'delta', content: { content: 'Zoë 👋 done' } }) +
			frame(3, { type: 'done', finishReason: 'stop' });
		const bytes = encoder.encode(text);
		// Split every 7 bytes: cuts through lines, JSON and the UTF-8 sequences of ë and 👋.
		const chunks: Uint8Array[] = [];
		for (let i = 0; i < bytes.length; i += 7) chunks.push(bytes.slice(i, i + 7));
		const { events, outcome } = await collect(chunks);
		expect(events.map((e) => e.id)).toEqual([1, 2, 3]);
		expect(events[1].event).toEqual({ type: 'delta', content: { content: 'Zoë 👋 done' } });
		expect(outcome).toEqual({ kind: 'finished', last: 'done' });
	});

	it('skips pings, malformed JSON and unknown event types without stopping', async () => {
		const text = ': ping\n\n' + 'id: 1\ndata: {not json\n\n' + frame(2, { type: 'future_event', x: 1 }) +
			frame(3, { type: 'delta', content: { content: 'ok' } }) + frame(4, { type: 'done', finishReason: 'stop' });
		const { events } = await collect([encoder.encode(text)]);
		expect(events.map((e) => e.event.type)).toEqual(['delta', 'done']);
	});

	it('stops at an error event, keeps what came before, and cancels the body', async () => {
		const text = frame(1, { type: 'delta', content: { content: 'partial' } }) + frame(2, { type: 'error', error: 'Model failed' }) +
			frame(3, { type: 'delta', content: { content: 'after' } });
		const { events, outcome, cancelled } = await collect([encoder.encode(text), encoder.encode(': more\n\n')]);
		expect(events.map((e) => e.event.type)).toEqual(['delta', 'error']);
		expect(outcome).toEqual({ kind: 'finished', last: 'error' });
		expect(cancelled).toBe(true);
	});

	it('reports a body that ends or fails before done as dropped', async () => {
		const ended = await collect([encoder.encode(frame(1, { type: 'delta', content: { content: 'a' } }))]);
		expect(ended.outcome.kind).toBe('dropped');
		const failed = await collect([encoder.encode(frame(1, { type: 'delta', content: { content: 'a' } }))], { failAtEnd: true });
		expect(failed.outcome.kind).toBe('dropped');
		expect(failed.events).toHaveLength(1);
	});

	it('goes on reading when a handler throws', async () => {
		const text = frame(1, { type: 'delta', content: { content: 'a' } }) + frame(2, { type: 'done', finishReason: 'stop' });
		const seen: string[] = [];
		const outcome = await readStreamEvents(bodyOf([encoder.encode(text)]).stream, (event) => {
			seen.push(event.type);
			if (event.type === 'delta') throw new Error('handler bug');
		});
		expect(seen).toEqual(['delta', 'done']);
		expect(outcome.kind).toBe('finished');
	});
});
