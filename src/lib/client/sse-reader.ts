/**
 * Reads a run's SSE body: a streaming UTF-8 decoder (characters split across network reads stay
 * whole) feeds eventsource-parser (events split across reads stay whole); each event's data is
 * validated against the protocol. Never throws for bad events, and always releases the reader.
 */
import { createParser } from 'eventsource-parser';
import { streamEventSchema, type StreamEvent } from '$lib/protocol';

/** How a read ended: the run finished (`done`/`error` seen), or the body ended/failed without that. */
export type StreamOutcome = { kind: 'finished'; last: 'done' | 'error' } | { kind: 'dropped'; cause?: unknown };

export type StreamEventHandler = (event: StreamEvent, id: number | undefined) => void;

/** Parses one event's data; undefined for malformed JSON or types this client does not know. */
export function parseStreamEvent(data: string): StreamEvent | undefined {
	let json: unknown;
	try {
		json = JSON.parse(data);
	} catch {
		return undefined;
	}
	const parsed = streamEventSchema.safeParse(json);
	return parsed.success ? parsed.data : undefined;
}

/** Reads `body` to its end, calling `onEvent` for every valid event in order. */
export async function readStreamEvents(
	body: ReadableStream<Uint8Array>,
	onEvent: StreamEventHandler,
	signal?: AbortSignal
): Promise<StreamOutcome> {
	const reader = body.getReader();
	const decoder = new TextDecoder('utf-8');
	let finished: 'done' | 'error' | undefined;
	const parser = createParser({
		onEvent(message) {
			if (finished) return;
			const event = parseStreamEvent(message.data);
			if (!event) return;
			const id = message.id !== undefined && /^\d+$/.test(message.id) ? Number(message.id) : undefined;
			if (event.type === 'done' || event.type === 'error') finished = event.type;
			try {
				onEvent(event, id);
			} catch (error) {
				// A bug in a handler must not kill the stream; it is reported and reading goes on.
				console.error('[organichart] stream event handler failed:', error);
			}
		}
	});
	const cancel = () => void reader.cancel().catch(() => {});
	signal?.addEventListener('abort', cancel, { once: true });
	try {
		while (!finished) {
			const { done, value } = await reader.read();
			if (done) break;
			parser.feed(decoder.decode(value, { stream: true }));
		}
		parser.feed(decoder.decode());
		return finished ? { kind: 'finished', last: finished } : { kind: 'dropped' };
	} catch (cause) {
		return finished ? { kind: 'finished', last: finished } : { kind: 'dropped', cause };
	} finally {
		signal?.removeEventListener('abort', cancel);
		// After done/error the server closes anyway; cancelling frees the connection at once.
		await reader.cancel().catch(() => {});
		reader.releaseLock();
	}
}
