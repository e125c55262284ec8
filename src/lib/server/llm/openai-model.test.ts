/** The OpenAI-compatible model against a local server speaking the wire format, through the real `openai` client. */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAIServer, textChunks, toolCallChunks, type OpenAITestServer } from '../../../../tests/helpers/openai-server';
import { createTurnAssembler } from './assemble';
import { isAbortError } from './abort';
import { createOpenAIModel } from './openai-model';
import { ModelError, type ChatModel } from './types';

let server: OpenAITestServer;
beforeAll(async () => {
	server = await startOpenAIServer();
});
afterAll(() => server.close());

const API_KEY = 'sk-test-secret-key-123456';

async function collect(model: ChatModel, signal = new AbortController().signal) {
	const assembler = createTurnAssembler();
	for await (const chunk of model.streamChat({ messages: [{ role: 'user', content: 'Who reports to Jane?' }], tools: [], signal })) {
		assembler.push(chunk);
	}
	return assembler.finish();
}

const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);

function modelAt(baseURL: string): ChatModel {
	return createOpenAIModel({ apiKey: API_KEY, baseURL, model: 'test-model' });
}

describe('OpenAI-compatible model', () => {
	it('streams chunks, sends the key, and omits an empty tools list', async () => {
		server.enqueue({ chunks: toolCallChunks([{ id: 'call_1', name: 'getReports', arguments: '{"person":"Jane","depth":"direct"}' }]) });
		const turn = await collect(modelAt(server.url));
		expect(turn.toolCalls).toEqual([{ id: 'call_1', name: 'getReports', arguments: '{"person":"Jane","depth":"direct"}' }]);
		expect(server.requests.at(-1)).not.toHaveProperty('tools');
		expect(server.requestHeaders.at(-1)?.authorization).toBe(`Bearer ${API_KEY}`);
	});

	it.each([
		[401, /rejected the API key \(check OPENAI_API_KEY\)/, false],
		[403, /rejected the API key/, false],
		[404, /does not know the configured model \(check OPENAI_MODEL\)/, false],
		[400, /refused the request \(HTTP 400\): This model does not support tools\./, false]
	])('HTTP %i becomes a ModelError that says what to do', async (status, message, retryable) => {
		server.enqueue({ status, errorBody: { error: { message: status === 400 ? 'This model does not support tools' : `Incorrect API key provided: ${API_KEY}`, type: 'invalid_request_error' } } });
		const error = await failure(collect(modelAt(server.url)));
		expect(error).toBeInstanceOf(ModelError);
		expect((error as ModelError).message).toMatch(message);
		expect((error as ModelError).message).not.toContain(API_KEY);
		expect((error as ModelError).retryable).toBe(retryable);
	});

	it('retries 429 and 5xx, then reports them as passing problems', async () => {
		for (let attempt = 0; attempt < 3; attempt++) server.enqueue({ status: 429, errorBody: { error: { message: 'Rate limit reached' } } });
		const limited = await failure(collect(modelAt(server.url)));
		expect((limited as ModelError).message).toMatch(/rate limiting requests\. Try again shortly/);
		for (let attempt = 0; attempt < 2; attempt++) server.enqueue({ status: 503, errorBody: { error: { message: 'busy' } } });
		server.enqueue({ chunks: textChunks('Recovered after retries.') });
		expect((await collect(modelAt(server.url))).text).toBe('Recovered after retries.');
		for (let attempt = 0; attempt < 3; attempt++) server.enqueue({ status: 502, errorBody: { error: { message: 'bad gateway' } } });
		const broken = await failure(collect(modelAt(server.url)));
		expect((broken as ModelError).message).toMatch(/is having problems \(HTTP 502\)/);
		expect((broken as ModelError).retryable).toBe(true);
	}, 30_000);

	it('says it could not reach a provider that refuses connections', async () => {
		const closedPort = await new Promise<number>((resolve) => {
			const probe = createServer().listen(0, '127.0.0.1', () => {
				const { port } = probe.address() as { port: number };
				probe.close(() => resolve(port));
			});
		});
		const error = await failure(collect(modelAt(`http://127.0.0.1:${closedPort}/v1`)));
		expect((error as ModelError).message).toBe(
			'Could not reach the model provider. Check that it is running and that the server is configured to use it.'
		);
		// Hosts and ports are for the server log, not for users.
		expect((error as ModelError).message).not.toMatch(/127\.0\.0\.1|\d{4,5}/);
	}, 30_000);

	it('turns an error object sent mid-stream into a ModelError', async () => {
		const raw = `data: ${JSON.stringify(textChunks('Partial')[1])}\n\ndata: {"error":{"message":"The server had an error while processing your request","type":"server_error"}}\n\n`;
		server.enqueue({ raw });
		const error = await failure(collect(modelAt(server.url)));
		expect((error as ModelError).message).toMatch(/stopped the answer with an error: The server had an error/);
	});

	it('a stop while the provider hangs mid-stream surfaces as an AbortError, not a ModelError', { timeout: 5000 }, async () => {
		server.enqueue({ chunks: textChunks('This answer never finishes because the server hangs'), hangAfterBytes: 600 });
		const controller = new AbortController();
		const model = modelAt(server.url);
		const received: string[] = [];
		const stopped = failure(
			(async () => {
				for await (const chunk of model.streamChat({ messages: [{ role: 'user', content: 'x' }], tools: [], signal: controller.signal })) {
					received.push(chunk.choices[0]?.delta.content ?? '');
					if (received.length === 1) setTimeout(() => controller.abort(), 100);
				}
			})()
		);
		const error = await stopped;
		expect(isAbortError(error)).toBe(true);
		expect(error).not.toBeInstanceOf(ModelError);
		expect(received.length).toBeGreaterThanOrEqual(2);
		expect(received.join('')).toBe('This answer');
	});

	it('an already aborted signal never sends a request', async () => {
		const before = server.requests.length;
		const controller = new AbortController();
		controller.abort();
		const error = await failure(collect(modelAt(server.url), controller.signal));
		expect(isAbortError(error)).toBe(true);
		expect(server.requests.length).toBe(before);
	});

	it('asks again without stream_options when a server rejects them', async () => {
		server.enqueue({ status: 400, errorBody: { error: { message: "Unrecognized request argument supplied: stream_options" } } });
		server.enqueue({ chunks: textChunks('Works without usage.', { usage: false }) });
		const turn = await collect(modelAt(server.url));
		expect(turn.text).toBe('Works without usage.');
		expect(server.requests.at(-1)).not.toHaveProperty('stream_options');
	});

	it('a provider that goes quiet mid-answer ends the turn with a clear error after the idle timeout', async () => {
		server.enqueue({ chunks: textChunks('This answer stalls after a few words'), hangAfterBytes: 600 });
		const model = createOpenAIModel({ apiKey: API_KEY, baseURL: server.url, model: 'test-model', idleTimeoutMs: 300 });
		const started = Date.now();
		const error = await failure(collect(model));
		expect(error).toBeInstanceOf(ModelError);
		expect((error as ModelError).message).toMatch(/sent nothing for 0 seconds, so the answer was stopped/);
		expect(Date.now() - started).toBeLessThan(5_000);
	});
});
