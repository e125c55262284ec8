/**
 * The streaming bench's client, in its own process: asks each server for answers one at a time
 * and measures, per answer, the time to first text and each token's latency from the moment the
 * upstream wrote it (the upstream's `GET /timings`; both processes read the same clock), and per
 * server the CPU it used (from /proc) over all its answers, including a pause after them so
 * background work done after an answer counts too. Checks every answer's text is whole.
 *
 *   node --import tsx bench/streaming/client.ts <config.json> <result.json>
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createParser } from 'eventsource-parser';
import { cpuTimeMs } from '../lib/process-stats';
import { TOKEN_CHARS, tokenText } from './scenario';

/** How a server's events carry answer text. */
export type EventFormat = 'openai' | 'guide' | 'ui-message-stream';

export type ClientTarget = {
	name: string;
	url: string;
	pid: number;
	format: EventFormat;
	headers: Record<string, string>;
	body: Record<string, unknown>;
	/** Adds a fresh `clientMessageId` to each request's body, as the chat panel does. */
	clientMessageId?: boolean;
};

export type ClientConfig = {
	upstream: string;
	tokens: number;
	warmup: number;
	answers: number;
	/** The answers are split into this many rounds, each over every target, in alternating order. */
	rounds: number;
	/** Pause after each server's round before its CPU is read. */
	settleMs: number;
	targets: ClientTarget[];
};

export type TargetResult = {
	name: string;
	/** Per answer, ms. */
	timeToFirstText: number[];
	/** Per answer: the mean over its tokens of (received − written by the upstream), ms. */
	eventLatency: number[];
	/** Per answer: request to end of stream, ms. */
	duration: number[];
	cpuMs: number;
	answers: number;
};

const now = () => performance.timeOrigin + performance.now();
const agent = new Agent({ keepAlive: true, maxSockets: 4 });

function textOf(format: EventFormat, data: string): string {
	if (!data.startsWith('{')) return '';
	const event = JSON.parse(data) as Record<string, unknown>;
	if (format === 'openai') return (event as { choices?: { delta?: { content?: string | null } }[] }).choices?.[0]?.delta?.content ?? '';
	if (format === 'ui-message-stream') return event.type === 'text-delta' ? String(event.delta) : '';
	return event.type === 'delta' ? ((event.content as { content?: string | null } | undefined)?.content ?? '') : '';
}

type Answer = { text: string; firstTextAt: number; tokenArrivals: number[]; startedAt: number; endedAt: number };

/** One answer: the request, then every event until the server ends the stream. */
function answer(target: ClientTarget): Promise<Answer> {
	const body = JSON.stringify(target.clientMessageId ? { ...target.body, clientMessageId: randomUUID() } : target.body);
	return new Promise((resolve, reject) => {
		const startedAt = now();
		let text = '';
		let firstTextAt = Number.NaN;
		const tokenArrivals: number[] = [];
		let readAt = startedAt;
		const parser = createParser({
			onEvent: (message) => {
				const piece = textOf(target.format, message.data);
				if (!piece) return;
				if (!text) firstTextAt = readAt;
				text += piece;
				while (tokenArrivals.length < Math.floor(text.length / TOKEN_CHARS)) tokenArrivals.push(readAt);
			}
		});
		const req = request(
			target.url,
			{ method: 'POST', agent, headers: { ...target.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
			(res) => {
				if (res.statusCode !== 200) {
					let error = '';
					res.on('data', (chunk) => (error += chunk));
					res.on('end', () => reject(new Error(`${target.name}: ${res.statusCode} ${error}`)));
					return;
				}
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => {
					readAt = now();
					parser.feed(chunk);
				});
				res.on('end', () => resolve({ text, firstTextAt, tokenArrivals, startedAt, endedAt: now() }));
				res.on('error', reject);
			}
		);
		req.setTimeout(60_000, () => req.destroy(new Error(`${target.name}: no answer within 60 s`)));
		req.on('error', reject);
		req.end(body);
	});
}

async function upstreamTimings(upstream: string): Promise<number[]> {
	return (await (await fetch(`${upstream}/timings`)).json()) as number[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
	const [configPath, resultPath] = process.argv.slice(2);
	const config = JSON.parse(readFileSync(configPath, 'utf8')) as ClientConfig;
	const expected = Array.from({ length: config.tokens }, (_, index) => tokenText(index)).join('');
	const results = new Map<string, TargetResult>(
		config.targets.map((target) => [target.name, { name: target.name, timeToFirstText: [], eventLatency: [], duration: [], cpuMs: 0, answers: 0 }])
	);
	for (const target of config.targets) for (let index = 0; index < config.warmup; index++) await answer(target);
	const perRound = Math.ceil(config.answers / config.rounds);
	for (let round = 0; round < config.rounds; round++) {
		const order = round % 2 === 0 ? config.targets : [...config.targets].reverse();
		for (const target of order) {
			const result = results.get(target.name)!;
			const count = Math.min(perRound, config.answers - result.answers);
			const cpuBefore = cpuTimeMs(target.pid);
			for (let index = 0; index < count; index++) {
				const got = await answer(target);
				if (got.text !== expected) throw new Error(`${target.name}: the answer's text is not the upstream's (${got.text.length} of ${expected.length} characters)`);
				const written = await upstreamTimings(config.upstream);
				const latencies = got.tokenArrivals.map((arrival, token) => arrival - written[token]);
				result.timeToFirstText.push(got.firstTextAt - got.startedAt);
				result.eventLatency.push(latencies.reduce((sum, value) => sum + value, 0) / latencies.length);
				result.duration.push(got.endedAt - got.startedAt);
				result.answers++;
			}
			await sleep(config.settleMs);
			result.cpuMs += cpuTimeMs(target.pid) - cpuBefore;
		}
	}
	writeFileSync(resultPath, JSON.stringify([...results.values()]));
	agent.destroy();
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? (error.stack ?? error.message) : error);
	process.exit(1);
});
