/**
 * A separate process for the browser-render bench: a local OpenAI-format upstream that streams the
 * bench's markdown answer at a fixed pace (tokens per second), and serves the guide's chat page
 * (bench/lib/browser/guide-chat.html with marked and DOMPurify from node_modules) from the same
 * origin, so that page reads the very same stream.
 *
 *   node --import tsx bench/lib/markdown-upstream.ts --tokens=20000 --rate=200 --max-seconds=600
 *
 * Prints {"url": "http://127.0.0.1:<port>"} once listening. GET /progress tells how far the latest
 * stream has got; GET /progress?times=1 also when each token was written (ms since the epoch, as
 * performance.timeOrigin + now() in the page). Exits by itself after --max-seconds.
 */
import { readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { finishChunk, roleChunk, textChunks, usageChunk } from '../../tests/helpers/openai-chunks';
import { markdownAnswerTokens } from './markdown-answer';

const root = resolve(import.meta.dirname, '..', '..');
const option = (name: string, fallback: number) => Number(process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const tokenCount = option('tokens', 20_000);
const rate = option('rate', 200);
const maxSeconds = option('max-seconds', 600);

const tokens = markdownAnswerTokens(tokenCount);
const wallNow = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));
/** One content chunk as the OpenAI test helpers shape it (the middle chunk of a one-piece answer). */
const contentEvent = (token: string) => `data: ${JSON.stringify(textChunks(token, { pieces: 1, usage: false })[1])}\n\n`;

type Stream = { times: number[]; finished: boolean };
const streams: Stream[] = [];

async function streamAnswer(res: ServerResponse): Promise<void> {
	const stream: Stream = { times: [], finished: false };
	streams.push(stream);
	res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
	res.write(`data: ${JSON.stringify(roleChunk())}\n\n`);
	const start = performance.now();
	let next = 0;
	while (next < tokens.length && !res.destroyed) {
		const due = Math.min(tokens.length, Math.floor(((performance.now() - start) * rate) / 1000) + 1);
		for (; next < due; next++) {
			res.write(contentEvent(tokens[next]));
			stream.times.push(wallNow());
		}
		await sleep(Math.max(1, (next * 1000) / rate - (performance.now() - start)));
	}
	res.write(`data: ${JSON.stringify(finishChunk('stop'))}\n\ndata: ${JSON.stringify(usageChunk(20, tokens.length))}\n\ndata: [DONE]\n\n`);
	res.end();
	stream.finished = true;
}

const files: Record<string, [string, string]> = {
	'/guide': [join(root, 'bench', 'lib', 'browser', 'guide-chat.html'), 'text/html; charset=utf-8'],
	'/vendor/marked.js': [join(root, 'node_modules', 'marked', 'lib', 'marked.umd.js'), 'text/javascript'],
	'/vendor/purify.js': [join(root, 'node_modules', 'dompurify', 'dist', 'purify.min.js'), 'text/javascript']
};

const server = createServer(async (req, res) => {
	res.socket?.setNoDelay(true);
	for await (const _ of req); // the request body does not matter: every request gets the same answer
	const path = req.url?.split('?')[0] ?? '/';
	if (req.method === 'POST' && path === '/v1/chat/completions') return void streamAnswer(res).catch(() => res.destroy());
	if (req.method === 'GET' && path === '/progress') {
		const latest = streams.at(-1);
		res.writeHead(200, { 'content-type': 'application/json' });
		const times = req.url?.includes('times=1') ? (latest?.times ?? []) : undefined;
		return void res.end(JSON.stringify({ streams: streams.length, sent: latest?.times.length ?? 0, finished: latest?.finished ?? false, times }));
	}
	if (path === '/favicon.ico') return void res.writeHead(204).end();
	const file = req.method === 'GET' ? files[path] : undefined;
	if (file) {
		res.writeHead(200, { 'content-type': file[1] });
		return void res.end(readFileSync(file[0]));
	}
	res.writeHead(404, { 'content-type': 'application/json' });
	res.end(JSON.stringify({ error: { message: `No route ${req.method} ${path}`, type: 'invalid_request_error' } }));
});

server.listen(0, '127.0.0.1', () => {
	console.log(JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
});
setTimeout(() => process.exit(0), maxSeconds * 1000).unref();
process.on('SIGTERM', () => process.exit(0));
