/**
 * A local OpenAI-format upstream for load benchmarks, run as its own process (spawned with an IPC
 * channel): it answers every POST /v1/chat/completions with a stream paced at a fixed token rate.
 * Each token's text is `<seq>@<send time> `, the time (ms, modulo TIME_MODULO_MS, to keep tokens about
 * as short as real ones) taken just before the write, so a client
 * at the far end of the app measures the latency the app added to each token (its own pacing lag
 * never counts). The user message `bench stream <n>` names the stream; every stream goes on until
 * the parent sets, over IPC, when they all end; it also asks how many tokens each stream was sent.
 *
 *   node --import tsx bench/lib/paced-upstream.ts <tokens per second>
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LatencyHistogram } from './latency-histogram';

export type UpstreamMessage = { type: 'ready'; port: number } | { type: 'stats'; sent: Record<string, number>; open: number; pacingLag: ReturnType<LatencyHistogram['toJSON']> };
export type UpstreamCommand = { type: 'stats' } | { type: 'reset' } | { type: 'end-at'; at: number };

const tokensPerSecond = Number(process.argv[2] ?? 10);
const intervalMs = 1000 / tokensPerSecond;
/** A request that names no stream gets this many tokens. */
const DEFAULT_TOKENS = 20;
/** No stream outlives this, whatever the parent says. */
const LONGEST_STREAM_MS = 10 * 60_000;
const now = () => performance.timeOrigin + performance.now();
/** Send times are written modulo this (100 s): any latency below it is told apart. */
const TIME_MODULO_MS = 100_000;

let sent = new Map<string, number>();
let pacingLag = new LatencyHistogram();
let open = 0;
/** Streams belong to the level (generation) current when they began; a reset ends the old level's streams at once. */
let generation = 0;
/** When each generation's streams end (epoch ms); until set, they go on. */
const endAt = new Map<number, number>([[0, Number.POSITIVE_INFINITY]]);

const chunk = (delta: object, finishReason: string | null = null) =>
	`data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1, model: 'bench', choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] })}\n\n`;

/** The text of the last user message of a chat completions request. */
function lastUserText(body: string): string {
	try {
		const messages = (JSON.parse(body) as { messages?: { role: string; content: unknown }[] }).messages ?? [];
		const content = messages.filter((message) => message.role === 'user').at(-1)?.content;
		return typeof content === 'string' ? content : '';
	} catch {
		return '';
	}
}

const server = createServer({ noDelay: true, keepAliveTimeout: 60_000 }, (req, res) => {
	const parts: Buffer[] = [];
	req.on('data', (part: Buffer) => parts.push(part));
	req.on('end', () => {
		if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
			res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found"}}');
			return;
		}
		const text = lastUserText(Buffer.concat(parts).toString('utf8'));
		const match = /bench stream (\d+)/.exec(text);
		const stream = match?.[1] ?? 'other';
		const started = now();
		const level = generation;
		const until = () => (match ? Math.min(endAt.get(level) ?? 0, started + LONGEST_STREAM_MS) : started + DEFAULT_TOKENS * intervalMs);
		res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
		res.write(chunk({ role: 'assistant', content: '' }));
		open++;
		let seq = 0;
		let timer: ReturnType<typeof setTimeout> | undefined;
		let ended = false;
		const end = () => {
			if (ended) return;
			ended = true;
			open--;
			clearTimeout(timer);
		};
		res.on('close', end);
		const tick = () => {
			if (res.destroyed) return end();
			const due = started + (seq + 1) * intervalMs;
			if (due > until()) {
				res.write(chunk({}, 'stop'));
				res.write(`data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1, model: 'bench', choices: [], usage: { prompt_tokens: 1, completion_tokens: seq, total_tokens: seq + 1 } })}\n\n`);
				res.end('data: [DONE]\n\n');
				return end();
			}
			seq++;
			const at = now();
			pacingLag.record(at - due);
			res.write(chunk({ content: `${seq}@${(at % TIME_MODULO_MS).toFixed(1)} ` }));
			if (level === generation) sent.set(stream, seq);
			timer = setTimeout(tick, Math.max(0, started + (seq + 1) * intervalMs - now()));
		};
		timer = setTimeout(tick, intervalMs);
	});
});

server.listen(0, '127.0.0.1', () => {
	process.send?.({ type: 'ready', port: (server.address() as AddressInfo).port } satisfies UpstreamMessage);
});

process.on('message', (command: UpstreamCommand) => {
	if (command.type === 'reset') {
		sent = new Map();
		pacingLag = new LatencyHistogram();
		endAt.set(generation, Math.min(endAt.get(generation)!, now()));
		endAt.set(++generation, Number.POSITIVE_INFINITY);
	} else if (command.type === 'end-at') {
		endAt.set(generation, command.at);
	} else if (command.type === 'stats') {
		process.send?.({ type: 'stats', sent: Object.fromEntries(sent), open, pacingLag: pacingLag.toJSON() } satisfies UpstreamMessage);
	}
});
// The parent is gone (or done): never outlive it.
process.on('disconnect', () => process.exit(0));
