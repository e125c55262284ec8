/**
 * One of the streaming bench's peers, in its own process, answering `POST /chat { text }` from the
 * upstream at `--upstream=<baseURL ending in /v1>`:
 *
 *   raw        the floor: the upstream's bytes piped through untouched (with tools: the tool-call
 *              turn is parsed once at its end, the tool runs, and the second turn is piped too);
 *   forwarder  the guide's forwarder: the `openai` client, one `res.write` of a JSON event per chunk
 *              (with tools: the guide's executeToolAndStream, then the model is called again);
 *   ai-sdk     Vercel AI SDK `streamText` with @ai-sdk/openai-compatible → UI message stream.
 *
 *   node --import tsx bench/streaming/peer-server.ts --kind=raw --upstream=http://127.0.0.1:1234/v1
 *   → prints "listening <port>"
 */
import { createServer, request, Agent, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { stepCountIs, streamText, tool } from 'ai';
import { z } from 'zod';
import { GET_REPORTS_TOOL, SYSTEM_PROMPT, getReports } from './scenario';

const option = (name: string) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const kind = option('kind');
const upstream = option('upstream');
if (!upstream || !['raw', 'forwarder', 'ai-sdk'].includes(kind ?? '')) {
	console.error('usage: peer-server.ts --kind=raw|forwarder|ai-sdk --upstream=<url>/v1');
	process.exit(2);
}

const SSE_HEADERS = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' };
const MAX_STEPS = 5;

async function readJson(req: IncomingMessage): Promise<{ text: string }> {
	const parts: Buffer[] = [];
	for await (const part of req) parts.push(part as Buffer);
	return JSON.parse(Buffer.concat(parts).toString('utf8')) as { text: string };
}

// ---- raw: bytes through ----

const agent = new Agent({ keepAlive: true });
const completionsUrl = new URL(`${upstream}/chat/completions`);

/** POSTs to the upstream and pipes its bytes into `res` as they come; resolves with them all when `keep` (for the tool turn). */
function pipeCompletion(messages: object[], res: ServerResponse, keep: boolean): Promise<string> {
	const body = JSON.stringify({ model: 'bench-model', messages, tools: [GET_REPORTS_TOOL], stream: true, stream_options: { include_usage: true } });
	return new Promise((resolve, reject) => {
		const req = request(completionsUrl, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (upstreamRes) => {
			const kept: Buffer[] = [];
			upstreamRes.on('data', (chunk: Buffer) => {
				res.write(chunk);
				if (keep) kept.push(chunk);
			});
			upstreamRes.on('end', () => resolve(Buffer.concat(kept).toString('utf8')));
			upstreamRes.on('error', reject);
		});
		req.on('error', reject);
		req.end(body);
	});
}

/** The tool calls of a whole tool-call turn's bytes. */
function toolCallsOf(sse: string): { id: string; name: string; arguments: string }[] {
	const calls: { id: string; name: string; arguments: string }[] = [];
	for (const line of sse.split('\n')) {
		if (!line.startsWith('data: {')) continue;
		const chunk = JSON.parse(line.slice(6)) as OpenAI.ChatCompletionChunk;
		for (const part of chunk.choices[0]?.delta?.tool_calls ?? []) {
			calls[part.index] ??= { id: '', name: '', arguments: '' };
			if (part.id) calls[part.index].id = part.id;
			if (part.function?.name) calls[part.index].name = part.function.name;
			calls[part.index].arguments += part.function?.arguments ?? '';
		}
	}
	return calls;
}

async function raw(req: IncomingMessage, res: ServerResponse): Promise<void> {
	const { text } = await readJson(req);
	res.writeHead(200, SSE_HEADERS);
	const messages: object[] = [{ role: 'system', content: SYSTEM_PROMPT }, { role: 'user', content: text }];
	for (let step = 0; step < MAX_STEPS; step++) {
		const sse = await pipeCompletion(messages, res, true);
		if (!sse.includes('"finish_reason":"tool_calls"')) break;
		const calls = toolCallsOf(sse);
		messages.push({ role: 'assistant', content: null, tool_calls: calls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } })) });
		for (const call of calls) messages.push({ role: 'tool', tool_call_id: call.id, content: JSON.stringify(getReports(JSON.parse(call.arguments))) });
	}
	res.end();
}

// ---- the guide's forwarder ----

const openai = new OpenAI({ apiKey: 'not-needed', baseURL: upstream });

async function forwarder(req: IncomingMessage, res: ServerResponse): Promise<void> {
	const { text } = await readJson(req);
	res.writeHead(200, SSE_HEADERS);
	const messages: ChatCompletionMessageParam[] = [
		{ role: 'system', content: SYSTEM_PROMPT },
		{ role: 'user', content: text }
	];
	try {
		for (let step = 0; step < MAX_STEPS; step++) {
			const stream = await openai.chat.completions.create({ model: 'bench-model', messages, tools: [GET_REPORTS_TOOL], stream: true });
			const calls: { id: string; type: 'function'; function: { name: string; arguments: string } }[] = [];
			for await (const chunk of stream) {
				const delta = chunk.choices[0]?.delta;
				if (delta) res.write(`data: ${JSON.stringify({ type: 'delta', content: delta })}\n\n`);
				if (delta?.tool_calls) {
					for (const toolCall of delta.tool_calls) {
						res.write(`data: ${JSON.stringify({ type: 'tool_call', toolCall })}\n\n`);
						calls[toolCall.index] ??= { id: '', type: 'function', function: { name: '', arguments: '' } };
						if (toolCall.id) calls[toolCall.index].id = toolCall.id;
						if (toolCall.function?.name) calls[toolCall.index].function.name = toolCall.function.name;
						calls[toolCall.index].function.arguments += toolCall.function?.arguments ?? '';
					}
				}
			}
			if (calls.length === 0) break;
			messages.push({ role: 'assistant', content: null, tool_calls: calls });
			for (const call of calls) {
				res.write(`data: ${JSON.stringify({ type: 'tool_execution_start', toolId: call.id, toolName: call.function.name })}\n\n`);
				const result = getReports(JSON.parse(call.function.arguments));
				res.write(`data: ${JSON.stringify({ type: 'tool_execution_complete', toolId: call.id, result })}\n\n`);
				messages.push({ role: 'tool', tool_call_id: call.id, content: JSON.stringify(result) });
			}
		}
		res.write(`data: ${JSON.stringify({ type: 'done' })}\n\n`);
	} catch (error) {
		res.write(`data: ${JSON.stringify({ type: 'error', error: (error as Error).message })}\n\n`);
	}
	res.end();
}

// ---- Vercel AI SDK ----

const provider = createOpenAICompatible({ name: 'bench', baseURL: upstream, apiKey: 'not-needed', includeUsage: true });
const tools = {
	getReports: tool({
		description: GET_REPORTS_TOOL.function.description,
		inputSchema: z.object({ person: z.string(), depth: z.enum(['direct', 'all']).optional() }),
		execute: async (input) => getReports(input)
	})
};

async function aiSdk(req: IncomingMessage, res: ServerResponse): Promise<void> {
	const { text } = await readJson(req);
	const result = streamText({
		model: provider.chatModel('bench-model'),
		system: SYSTEM_PROMPT,
		messages: [{ role: 'user', content: text }],
		tools,
		stopWhen: stepCountIs(MAX_STEPS)
	});
	result.pipeUIMessageStreamToResponse(res);
}

const handlers = { raw, forwarder, 'ai-sdk': aiSdk } as const;
const handle = handlers[kind as keyof typeof handlers];

const server = createServer((req, res) => {
	res.socket?.setNoDelay(true);
	if (req.method !== 'POST' || req.url !== '/chat') {
		res.writeHead(404).end();
		return;
	}
	handle(req, res).catch((error: unknown) => {
		console.error(error);
		res.destroy();
	});
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(`listening ${(server.address() as AddressInfo).port}`));
process.on('SIGTERM', () => process.exit(0));
