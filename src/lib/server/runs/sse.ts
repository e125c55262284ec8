/**
 * The one SSE writer: sets the headers proxies need to pass a stream through unbuffered, sends
 * `id:`/`data:` pairs, a `: ping` comment every 15 s, turns a thrown error into an `error` event,
 * and always closes. What is written within one turn of the event loop goes to the client as one
 * chunk (one socket write), not one per event: a fast answer's tokens arrive many per read. It respects backpressure: the producer waits while the client's buffer is
 * full, and a client that reads nothing for `slowClientMs` is dropped (it resumes with Last-Event-ID).
 */
import type { StreamEvent } from '$lib/protocol';
import { trackStream } from '../metrics';
import { eventJson } from './event-log';

export const SSE_HEADERS = {
	'content-type': 'text/event-stream; charset=utf-8',
	'cache-control': 'no-cache, no-transform',
	'x-accel-buffering': 'no',
	connection: 'keep-alive'
} as const;

export const HEARTBEAT_MS = 15_000;
/** Bytes of events held for one client that is not reading; past it the producer waits. */
export const CLIENT_BUFFER_BYTES = 64 * 1024;
export const SLOW_CLIENT_MS = 60_000;

export type SseOptions = { heartbeatMs?: number; slowClientMs?: number; bufferBytes?: number };

export type SseWriter<Event = StreamEvent> = {
	/** Queues an event; resolves once the client's buffer has room again. Rejects with SlowClientError when the client is dropped. */
	send: (id: number, event: Event) => Promise<void>;
	/** Queues several events, then waits for room once, as `send` does; an entry's JSON is made once (and kept on it). */
	sendAll: (entries: readonly { id: number; event: Event; json?: string }[]) => Promise<void>;
	/** A comment line; skipped while the client's buffer is full. */
	comment: (text: string) => void;
	/** Aborted when the client goes away or is dropped. */
	signal: AbortSignal;
};

/** The client read nothing for too long while its buffer was full; the connection is dropped. */
export class SlowClientError extends Error {
	constructor(ms: number, readonly bufferedBytes: number) {
		super(`The client read nothing for ${Math.round(ms / 1000)} s with ${bufferedBytes} bytes waiting`);
		this.name = 'SlowClientError';
	}
}

const encoder = new TextEncoder();
/** Text held for the end of the tick is written at once past this size. */
const COALESCE_CHARS = 16 * 1024;

/** Frames one event; refuses line breaks in the id, which would let a value inject fields. */
export function formatSseEvent(id: number, event: StreamEvent | { type: string }): string {
	return formatSseData(id, JSON.stringify(event));
}

/** Frames one event already in JSON (JSON.stringify escapes line breaks inside strings, so the data stays on one line). */
function formatSseData(id: number, json: string): string {
	const idText = String(id);
	if (/[\r\n]/.test(idText)) throw new Error('SSE id must not contain line breaks');
	return `id: ${idText}\ndata: ${json}\n\n`;
}

/** Streams what `produce` writes; resolves the response at once, closes when `produce` settles. */
export function sseResponse<Event extends { type: string } = StreamEvent>(produce: (writer: SseWriter<Event>) => Promise<void>, options: SseOptions = {}): Response {
	const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
	const slowClientMs = options.slowClientMs ?? SLOW_CLIENT_MS;
	const bufferBytes = options.bufferBytes ?? CLIENT_BUFFER_BYTES;
	const abort = new AbortController();
	const metrics = trackStream();
	let heartbeat: ReturnType<typeof setInterval> | undefined;
	/** Sends what the tick held (set once the stream starts). */
	let flush = () => {};
	/** Producers waiting for the client to read; woken by pull() (the buffer drained below its mark) or by the end. */
	let roomWaiters: (() => void)[] = [];
	const wakeWaiters = () => {
		const waiters = roomWaiters;
		roomWaiters = [];
		for (const wake of waiters) wake();
	};
	const body = new ReadableStream<Uint8Array>(
		{
			start(controller) {
				/** Frames written this tick, sent together at its end (or once they are many). */
				let held = '';
				let flushQueued = false;
				flush = () => {
					flushQueued = false;
					if (held === '' || abort.signal.aborted) return;
					const text = held;
					held = '';
					try {
						controller.enqueue(encoder.encode(text));
					} catch {
						abort.abort();
					}
				};
				const write = (text: string) => {
					if (abort.signal.aborted) return;
					held += text;
					if (held.length >= COALESCE_CHARS) flush();
					else if (!flushQueued) {
						flushQueued = true;
						setImmediate(flush);
					}
				};
				const hasRoom = () => (controller.desiredSize ?? 0) - held.length > 0;
				const waitForRoom = async () => {
					if (hasRoom() || abort.signal.aborted) return;
					let timer: ReturnType<typeof setTimeout> | undefined;
					let onAbort = () => {};
					const gotRoom = await new Promise<boolean>((resolve) => {
						onAbort = () => resolve(true);
						roomWaiters.push(onAbort);
						abort.signal.addEventListener('abort', onAbort, { once: true });
						timer = setTimeout(() => resolve(false), slowClientMs);
					});
					clearTimeout(timer);
					// Each wait adds a listener; one left behind per wait would pile up on a long answer.
					abort.signal.removeEventListener('abort', onAbort);
					if (gotRoom || abort.signal.aborted) return;
					const slow = new SlowClientError(slowClientMs, bufferBytes - (controller.desiredSize ?? 0));
					console.warn(`[organichart] dropped a stream client: ${slow.message} (it can resume with Last-Event-ID)`);
					abort.abort(slow);
					metrics.close('slow_client');
					// An errored body makes the server destroy the connection instead of ending it cleanly.
					controller.error(slow);
					throw slow;
				};
				let lastId = 0;
				const writer: SseWriter<Event> = {
					send: async (id, event) => {
						if (abort.signal.aborted) {
							if (abort.signal.reason instanceof SlowClientError) throw abort.signal.reason;
							return;
						}
						lastId = id;
						write(formatSseEvent(id, event));
						await waitForRoom();
					},
					sendAll: async (entries) => {
						if (abort.signal.aborted) {
							if (abort.signal.reason instanceof SlowClientError) throw abort.signal.reason;
							return;
						}
						let text = '';
						for (const entry of entries) {
							lastId = entry.id;
							text += formatSseData(entry.id, eventJson(entry));
						}
						write(text);
						await waitForRoom();
					},
					comment: (text) => {
						if (hasRoom()) write(`: ${text.replace(/[\r\n]+/g, ' ')}\n\n`);
					},
					signal: abort.signal
				};
				write(': connected\n\n');
				heartbeat = setInterval(() => writer.comment('ping'), heartbeatMs);
				produce(writer)
					.catch((error: unknown) => {
						if (error instanceof SlowClientError || abort.signal.aborted) return;
						console.error('[organichart] stream failed:', error);
						write(formatSseEvent(lastId + 1, { type: 'error', error: 'The stream failed on the server. Please try again.' }));
					})
					.finally(() => {
						metrics.close();
						clearInterval(heartbeat);
						wakeWaiters();
						flush();
						if (!abort.signal.aborted) {
							abort.abort();
							try {
								controller.close();
							} catch {
								// Already closed by the client.
							}
						}
					});
			},
			pull() {
				wakeWaiters();
			},
			cancel() {
				metrics.close('client_gone');
				clearInterval(heartbeat);
				abort.abort();
				wakeWaiters();
			}
		},
		{ highWaterMark: bufferBytes, size: (chunk) => chunk.byteLength }
	);
	return new Response(body, { headers: SSE_HEADERS });
}
