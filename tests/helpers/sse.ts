/** Reads an SSE response the way a client does: a real parser over a streaming UTF-8 decoder. */
import { createParser } from 'eventsource-parser';
import type { AppServer } from './app-server';
import { streamEventSchema, type StreamEvent } from '../../src/lib/protocol';

export type ReceivedEvent = { id: number; event: StreamEvent };

/** Reads every event until the stream closes; `onEvent` may act mid-stream (e.g. press Stop). */
export async function readEvents(response: Response, onEvent?: (received: ReceivedEvent) => void | Promise<void>): Promise<ReceivedEvent[]> {
	if (!response.body) throw new Error('response has no body');
	const received: ReceivedEvent[] = [];
	const pending: ReceivedEvent[] = [];
	const parser = createParser({
		onEvent: (message) => pending.push({ id: Number(message.id), event: streamEventSchema.parse(JSON.parse(message.data)) })
	});
	const decoder = new TextDecoder();
	const reader = response.body.getReader();
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			parser.feed(decoder.decode(value, { stream: true }));
			for (const item of pending.splice(0)) {
				received.push(item);
				await onEvent?.(item);
			}
		}
	} finally {
		reader.releaseLock();
	}
	return received;
}

/** The answer text of a run: its deltas joined. */
export const answerText = (events: ReceivedEvent[]): string =>
	events.map(({ event }) => (event.type === 'delta' ? event.content.content : '')).join('');

/** POSTs a chat message to a running app. */
export function postChat(app: Pick<AppServer, 'fetch'>, body: Record<string, unknown>): Promise<Response> {
	return app.fetch('/api/chat/stream', {
		method: 'POST',
		headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
		body: JSON.stringify(body)
	});
}
