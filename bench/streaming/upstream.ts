/**
 * The streaming bench's model: a local OpenAI-format Chat Completions server (its own process)
 * that streams an answer of `--tokens` tokens as fast as the socket takes it (each chunk its own
 * write, the next one after the write completed and the event loop turned, so every token leaves
 * as its own packet, as a real provider's do). A user message starting with TOOL_MARKER gets a
 * `getReports` call first; the request carrying its result gets the answer.
 *
 * `GET /timings` returns when each token of the last text answer was written (ms on the shared
 * clock `performance.timeOrigin + performance.now()`), for the client's per-event latency.
 *
 *   node --import tsx bench/streaming/upstream.ts --tokens=1000   → prints "listening <port>"
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TOOL_CALL, TOOL_MARKER, tokenText } from './scenario';

const tokens = Number(process.argv.find((arg) => arg.startsWith('--tokens='))?.slice('--tokens='.length) ?? 1000);
const created = Math.floor(Date.now() / 1000);
const now = () => performance.timeOrigin + performance.now();

let lastTimings: number[] = [];
let answerCount = 0;

type Message = { role: string; content?: unknown };

/** A message's text, whether sent as a string or as content parts. */
function textOf(content: unknown): string {
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) return content.map((part: { text?: string }) => part.text ?? '').join('');
	return '';
}

function chunk(id: string, delta: object, finishReason: string | null = null): string {
	const body = {
		id,
		object: 'chat.completion.chunk',
		created,
		model: 'bench-model',
		system_fingerprint: 'fp_bench',
		choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }]
	};
	return `data: ${JSON.stringify(body)}\n\n`;
}

function usage(id: string, completionTokens: number): string {
	const body = { id, object: 'chat.completion.chunk', created, model: 'bench-model', choices: [], usage: { prompt_tokens: 40, completion_tokens: completionTokens, total_tokens: 40 + completionTokens } };
	return `data: ${JSON.stringify(body)}\n\n`;
}

/** One write; resolves once the socket took it and the event loop turned, so the next write is a separate packet. */
function send(res: ServerResponse, text: string): Promise<void> {
	return new Promise((resolve) => {
		if (res.destroyed) return resolve();
		res.write(text, () => setImmediate(resolve));
	});
}

async function streamText(res: ServerResponse, id: string): Promise<void> {
	const timings: number[] = [];
	await send(res, chunk(id, { role: 'assistant', content: '' }));
	for (let index = 0; index < tokens && !res.destroyed; index++) {
		timings.push(now());
		await send(res, chunk(id, { content: tokenText(index) }));
	}
	await send(res, chunk(id, {}, 'stop'));
	await send(res, `${usage(id, tokens)}data: [DONE]\n\n`);
	lastTimings = timings;
}

async function streamToolCall(res: ServerResponse, id: string): Promise<void> {
	await send(res, chunk(id, { role: 'assistant', content: null }));
	await send(res, chunk(id, { tool_calls: [{ index: 0, id: TOOL_CALL.id, type: 'function', function: { name: TOOL_CALL.name, arguments: '' } }] }));
	for (let start = 0; start < TOOL_CALL.arguments.length; start += 8) {
		await send(res, chunk(id, { tool_calls: [{ index: 0, function: { arguments: TOOL_CALL.arguments.slice(start, start + 8) } }] }));
	}
	await send(res, chunk(id, {}, 'tool_calls'));
	await send(res, `${usage(id, 20)}data: [DONE]\n\n`);
}

const server = createServer(async (req, res) => {
	res.socket?.setNoDelay(true);
	const parts: Buffer[] = [];
	for await (const part of req) parts.push(part as Buffer);
	if (req.method === 'GET' && req.url === '/timings') {
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(JSON.stringify(lastTimings));
		return;
	}
	if (req.method !== 'POST' || !req.url?.startsWith('/v1/chat/completions')) {
		res.writeHead(404, { 'content-type': 'application/json' });
		res.end(JSON.stringify({ error: { message: `No route ${req.method} ${req.url}`, type: 'invalid_request_error' } }));
		return;
	}
	const body = JSON.parse(Buffer.concat(parts).toString('utf8')) as { messages: Message[] };
	const last = body.messages.at(-1);
	const wantsTool = last?.role === 'user' && textOf(last.content).startsWith(TOOL_MARKER);
	const id = `chatcmpl-bench-${++answerCount}`;
	res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
	res.flushHeaders();
	await (wantsTool ? streamToolCall(res, id) : streamText(res, id)).catch(() => res.destroy());
	res.end();
});

server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(`listening ${(server.address() as AddressInfo).port}`));
process.on('SIGTERM', () => process.exit(0));
