/**
 * A local HTTP server speaking the OpenAI Chat Completions streaming wire format, for tests that
 * talk to it with the real `openai` client. Each POST /v1/chat/completions is recorded and answered
 * with the next scripted response: chunks, raw bytes, an HTTP error, split writes, or a hang.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The parsed JSON body of one chat completions request. */
export type RecordedRequest = {
	model?: string;
	messages?: Array<Record<string, unknown>>;
	tools?: Array<Record<string, unknown>>;
	stream?: boolean;
	[key: string]: unknown;
};

export type ScriptedResponseOptions = {
	/** Write the body in pieces: sizes in turn (the rest in one piece), one size for all, or every byte alone. */
	splitBytes?: number[] | 'every-byte' | number;
	status?: number;
	/** JSON sent instead of a stream (with `status`, default 500 when given). */
	errorBody?: object;
	/** Wait before answering. */
	delayMs?: number;
	/** Stop writing after this many bytes and keep the connection open. */
	hangAfterBytes?: number;
};

export type ScriptedResponse = ({ chunks: object[] } | { raw: string | Buffer } | { errorBody: object }) & ScriptedResponseOptions;

export type OpenAITestServer = {
	/** The baseURL for the `openai` client (ends in /v1). */
	url: string;
	requests: RecordedRequest[];
	requestHeaders: IncomingHttpHeaders[];
	enqueue(response: ScriptedResponse): void;
	close(): Promise<void>;
};

/** Serializes chunks the way OpenAI does: one `data:` event each, then `data: [DONE]`. */
export function sseBody(chunks: object[]): string {
	return `${chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`).join('')}data: [DONE]\n\n`;
}

function pieceSizes(total: number, split: ScriptedResponseOptions['splitBytes']): number[] {
	if (split === undefined) return [total];
	if (split === 'every-byte') return Array.from({ length: total }, () => 1);
	if (typeof split === 'number') return Array.from({ length: Math.ceil(total / split) }, () => split);
	const sizes = split.filter((size) => size > 0);
	const used = sizes.reduce((sum, size) => sum + size, 0);
	return used < total ? [...sizes, total - used] : sizes;
}

/** Writes one piece and lets the event loop turn, so the client reads it as a separate network read. */
function writePiece(res: ServerResponse, piece: Buffer): Promise<void> {
	return new Promise((resolve) => res.write(piece, () => setImmediate(resolve)));
}

async function answer(res: ServerResponse, script: ScriptedResponse | undefined): Promise<void> {
	if (!script) {
		res.writeHead(500, { 'content-type': 'application/json' });
		res.end(JSON.stringify({ error: { message: 'The test server has no scripted response left.', type: 'server_error', code: null } }));
		return;
	}
	if (script.delayMs) await new Promise((resolve) => setTimeout(resolve, script.delayMs));
	if (script.errorBody) {
		res.writeHead(script.status ?? 500, { 'content-type': 'application/json' });
		res.end(JSON.stringify(script.errorBody));
		return;
	}
	const body = 'chunks' in script ? Buffer.from(sseBody(script.chunks)) : 'raw' in script ? Buffer.from(script.raw) : Buffer.alloc(0);
	res.writeHead(script.status ?? 200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
	res.flushHeaders();
	const limit = script.hangAfterBytes ?? body.length;
	let offset = 0;
	for (const size of pieceSizes(body.length, script.splitBytes)) {
		if (offset >= limit || res.destroyed) break;
		const end = Math.min(offset + size, limit);
		await writePiece(res, body.subarray(offset, end));
		offset = end;
	}
	// A hang keeps the connection open until the client gives up or the server closes.
	if (script.hangAfterBytes === undefined) res.end();
}

/** Starts the server on 127.0.0.1 at a free port. */
export async function startOpenAIServer(): Promise<OpenAITestServer> {
	const queue: ScriptedResponse[] = [];
	const requests: RecordedRequest[] = [];
	const requestHeaders: IncomingHttpHeaders[] = [];
	const server = createServer(async (req, res) => {
		res.socket?.setNoDelay(true);
		const parts: Buffer[] = [];
		for await (const part of req) parts.push(part as Buffer);
		if (req.method !== 'POST' || !req.url?.startsWith('/v1/chat/completions')) {
			res.writeHead(404, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ error: { message: `No route ${req.method} ${req.url}`, type: 'invalid_request_error' } }));
			return;
		}
		requests.push(JSON.parse(Buffer.concat(parts).toString('utf8')) as RecordedRequest);
		requestHeaders.push(req.headers);
		await answer(res, queue.shift()).catch(() => res.destroy());
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/v1`,
		requests,
		requestHeaders,
		enqueue: (response) => queue.push(response),
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}

export { textChunks, toolCallChunks, finishChunk, usageChunk, roleChunk } from './openai-chunks';
