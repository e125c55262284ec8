/** The local OpenAI wire-format server, talked to by the real `openai` client (through the app's model wrapper). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTurnAssembler } from '../../src/lib/server/llm/assemble';
import { createOpenAIModel } from '../../src/lib/server/llm/openai-model';
import type { ChatCompletionTool } from '../../src/lib/server/llm/types';
import { startOpenAIServer, textChunks, toolCallChunks, type OpenAITestServer } from './openai-server';
import { fixturesAvailable, fixturesSkipReason, loadFixtureBody } from './provider-fixtures';

let server: OpenAITestServer;
beforeAll(async () => {
	server = await startOpenAIServer();
});
afterAll(() => server.close());

const tools: ChatCompletionTool[] = [{ type: 'function', function: { name: 'getUserInformation', parameters: { type: 'object' } } }];

async function ask() {
	const model = createOpenAIModel({ baseURL: server.url, model: 'test-model' });
	const assembler = createTurnAssembler();
	for await (const chunk of model.streamChat({ messages: [{ role: 'user', content: 'hi' }], tools, signal: new AbortController().signal })) {
		assembler.push(chunk);
	}
	return assembler.finish();
}

describe.skipIf(!fixturesAvailable)(`replaying recordings${fixturesAvailable ? '' : ` (skipped: ${fixturesSkipReason})`}`, () => {
	it('a recording split at every byte arrives intact', async () => {
		server.enqueue({ raw: loadFixtureBody('openai-gpt4o-parallel-tool-calls.sse'), splitBytes: 'every-byte' });
		const turn = await ask();
		expect(turn.toolCalls.map((call) => [call.name, call.arguments])).toEqual([
			['GetWeatherArgs', '{"city": "Edinburgh", "country": "GB", "units": "c"}'],
			['get_stock_price', '{"ticker": "AAPL", "exchange": "NASDAQ"}']
		]);
		expect(turn.usage).toEqual({ promptTokens: 149, completionTokens: 60, totalTokens: 209 });
	});

	it('a *.chunks.txt recording is served as SSE', async () => {
		server.enqueue({ raw: loadFixtureBody('mistral-incremental-tool-call.chunks.txt'), splitBytes: 7 });
		const turn = await ask();
		expect(turn.toolCalls[0]).toMatchObject({ name: 'webSearchTool', arguments: '{"query": "current Berlin weather"}' });
	});
});

describe('scripted responses', () => {
	it('records the request the client sent', async () => {
		server.enqueue({ chunks: textChunks('Hello there') });
		await ask();
		const request = server.requests.at(-1);
		expect(request).toMatchObject({ model: 'test-model', stream: true, stream_options: { include_usage: true } });
		expect(request?.messages).toEqual([{ role: 'user', content: 'hi' }]);
		expect(request?.tools).toEqual(tools);
	});

	it('a multi-byte UTF-8 name split inside a character arrives intact', async () => {
		const name = 'José Müller 日本';
		const chunks = toolCallChunks([{ id: 'call_u', name: 'getUserInformation', arguments: JSON.stringify({ person: name }) }], { fragmentSize: 3 });
		const body = Buffer.from(chunks.map((item) => `data: ${JSON.stringify(item)}\n\n`).join('') + 'data: [DONE]\n\n');
		const cut = body.indexOf(Buffer.from('日')) + 1; // inside the three bytes of 日
		server.enqueue({ chunks, splitBytes: [cut, 1, 1] });
		const turn = await ask();
		expect(JSON.parse(turn.toolCalls[0].arguments)).toEqual({ person: name });
	});

	it('text split into pieces arrives whole, every byte on its own', async () => {
		server.enqueue({ chunks: textChunks('Ünïcödé ✓ answers — streamed', { pieces: 9 }), splitBytes: 'every-byte' });
		const turn = await ask();
		expect(turn.text).toBe('Ünïcödé ✓ answers — streamed');
		expect(turn.finishReason).toBe('stop');
	});

	it('a final data: [DONE] without its blank line still ends the stream', async () => {
		const body = textChunks('Done.').map((item) => `data: ${JSON.stringify(item)}\n\n`).join('') + 'data: [DONE]';
		server.enqueue({ raw: body });
		expect((await ask()).text).toBe('Done.');
	});

	it('pieces arrive as separate network reads', async () => {
		server.enqueue({ raw: 'x'.repeat(200), splitBytes: 'every-byte' });
		const response = await fetch(`${server.url}/chat/completions`, { method: 'POST', body: '{}' });
		const reader = response.body!.getReader();
		let reads = 0;
		while (!(await reader.read()).done) reads++;
		expect(reads).toBeGreaterThan(50);
	});

	it('answers 500 with an OpenAI-style error when nothing is scripted', async () => {
		const response = await fetch(`${server.url}/chat/completions`, { method: 'POST', body: '{}' });
		expect(response.status).toBe(500);
		expect(await response.json()).toMatchObject({ error: { message: expect.stringMatching(/no scripted response/) } });
	});
});
