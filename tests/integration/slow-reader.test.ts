/**
 * A client that stops reading a long answer: the server holds only a bounded buffer for it, drops the
 * connection after SSE_SLOW_CLIENT_S, and the client resumes with Last-Event-ID and gets every event
 * exactly once. The reader is a raw node:http request whose socket is paused.
 */
import { request, type IncomingMessage } from 'node:http';
import { createParser } from 'eventsource-parser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startAppServer, type AppServer } from '../helpers/app-server';
import { startOpenAIServer, textChunks, type OpenAITestServer } from '../helpers/openai-server';
import { answerText, readEvents, type ReceivedEvent } from '../helpers/sse';
import { streamEventSchema } from '../../src/lib/protocol';

const SLOW_CLIENT_S = 3;
/** The server's own buffer for one client (CLIENT_BUFFER_BYTES) plus one event that may overshoot it. */
const BUFFER_BOUND = 64 * 1024 + 4 * 1024;

/** ~6 MB of answer in 1,000-character pieces: more than the kernel's socket buffers hold. */
const PIECE = 'x'.repeat(999) + ' ';
const LONG_ANSWER = PIECE.repeat(6_000);

describe('a client that stops reading', () => {
	let model: OpenAITestServer;
	let app: AppServer;
	beforeAll(async () => {
		model = await startOpenAIServer();
		app = await startAppServer({
			OPENAI_BASE_URL: model.url,
			OPENAI_API_KEY: 'sk-test',
			OPENAI_MODEL: 'm',
			SSE_SLOW_CLIENT_S: String(SLOW_CLIENT_S)
		});
	});
	afterAll(async () => {
		await app?.stop();
		await model?.close();
	});

	test('is dropped after SSE_SLOW_CLIENT_S with a bounded buffer, and resumes with Last-Event-ID exactly once', async () => {
		model.enqueue({ chunks: textChunks(LONG_ANSWER, { pieces: 6_000, usage: false }) });
		const received: ReceivedEvent[] = [];
		const parser = createParser({
			onEvent: (message) => received.push({ id: Number(message.id), event: streamEventSchema.parse(JSON.parse(message.data)) })
		});
		const response = await new Promise<IncomingMessage>((resolve, reject) => {
			const body = JSON.stringify({ text: 'Write something very long', orgId: 'acme' });
			const req = request(`${app.url}/api/chat/stream`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', origin: app.url, cookie: app.admin!.cookie }
			});
			req.on('response', resolve);
			req.on('error', reject);
			req.end(body);
		});
		expect(response.statusCode).toBe(200);
		// Read until the start event, then stop reading altogether.
		response.setEncoding('utf8');
		await new Promise<void>((resolve) => {
			const onData = (text: string) => {
				parser.feed(text);
				if (received.length > 0) {
					response.off('data', onData);
					response.pause();
					resolve();
				}
			};
			response.on('data', onData);
		});
		const pausedAt = Date.now();
		await expect.poll(() => /dropped a stream client/.test(app.logs()), { timeout: 30_000, interval: 250 }).toBe(true);
		expect(Date.now() - pausedAt).toBeGreaterThanOrEqual(SLOW_CLIENT_S * 1000);
		const line = /dropped a stream client: .* with (\d+) bytes waiting/.exec(app.logs());
		expect(Number(line?.[1])).toBeLessThanOrEqual(BUFFER_BOUND);

		// Read what reached the socket before the drop; the connection then ends.
		await new Promise<void>((resolve) => {
			response.on('data', (text: string) => parser.feed(text));
			response.once('close', resolve);
			response.once('error', () => resolve());
			response.resume();
		});
		const lastId = received.at(-1)!.id;
		expect(received.at(-1)!.event.type).not.toBe('done');

		const rest = await readEvents(await app.fetch(`/api/chat/runs/${received[0].event.type === 'start' ? received[0].event.runId : ''}/events`, { headers: { 'last-event-id': String(lastId) } }));
		const all = [...received, ...rest];
		expect(all.map((item) => item.id)).toEqual(Array.from({ length: all.length }, (_, index) => index + 1));
		expect(all.at(-1)?.event).toMatchObject({ type: 'done', finishReason: 'stop' });
		expect(answerText(all)).toBe(LONG_ANSWER);
	}, 60_000);
});
