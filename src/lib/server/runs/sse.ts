/**
 * The one SSE writer: sets the headers proxies need to pass a stream through unbuffered, sends
 * `id:`/`data:` pairs, a `: ping` comment every 15 s, turns a thrown error into an `error` event,
 * and always closes.
 */
import type { StreamEvent } from '$lib/protocol';

export const SSE_HEADERS = {
	'content-type': 'text/event-stream; charset=utf-8',
	'cache-control': 'no-cache, no-transform',
	'x-accel-buffering': 'no',
	connection: 'keep-alive'
} as const;

export const HEARTBEAT_MS = 15_000;

export type SseWriter = {
	send: (id: number, event: StreamEvent) => void;
	comment: (text: string) => void;
	/** Aborted when the client goes away. */
	signal: AbortSignal;
};

const encoder = new TextEncoder();

/** Frames one event; refuses line breaks in the id, which would let a value inject fields. */
export function formatSseEvent(id: number, event: StreamEvent): string {
	const idText = String(id);
	if (/[\r\n]/.test(idText)) throw new Error('SSE id must not contain line breaks');
	// JSON.stringify escapes line breaks inside strings, so the data stays on one line.
	return `id: ${idText}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** Streams what `produce` writes; resolves the response at once, closes when `produce` settles. */
export function sseResponse(produce: (writer: SseWriter) => Promise<void>, heartbeatMs = HEARTBEAT_MS): Response {
	const abort = new AbortController();
	let heartbeat: ReturnType<typeof setInterval> | undefined;
	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			const write = (text: string) => {
				if (abort.signal.aborted) return;
				try {
					controller.enqueue(encoder.encode(text));
				} catch {
					abort.abort();
				}
			};
			let lastId = 0;
			const writer: SseWriter = {
				send: (id, event) => {
					lastId = id;
					write(formatSseEvent(id, event));
				},
				comment: (text) => write(`: ${text.replace(/[\r\n]+/g, ' ')}\n\n`),
				signal: abort.signal
			};
			write(': connected\n\n');
			heartbeat = setInterval(() => writer.comment('ping'), heartbeatMs);
			produce(writer)
				.catch((error: unknown) => {
					console.error('[organichart] stream failed:', error);
					write(formatSseEvent(lastId + 1, { type: 'error', error: 'The stream failed on the server. Please try again.' }));
				})
				.finally(() => {
					clearInterval(heartbeat);
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
		cancel() {
			clearInterval(heartbeat);
			abort.abort();
		}
	});
	return new Response(body, { headers: SSE_HEADERS });
}
