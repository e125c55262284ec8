/**
 * One load-generator process for the concurrency benchmark (spawned with an IPC channel; several
 * share the streams so none of them lags). For each stream it is told to open, at its time, it
 * POSTs /api/chat/stream and reads the answer as a client would, recording for every token the
 * latency since the upstream sent it (the token's text carries that time, see paced-upstream.ts),
 * events missing from the `id:` sequence, tokens missing from the upstream's numbering, and how the
 * stream ended. Its own event-loop delay is measured and reported, so a lagging generator shows.
 *
 *   node --import tsx bench/lib/stream-load-worker.ts
 */
import { request } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createParser } from 'eventsource-parser';
import { LatencyHistogram } from './latency-histogram';

export type LoadCommand = {
	type: 'run';
	/** The app's URL and the session cookie to send. */
	url: string;
	cookie: string;
	orgId: string;
	/** Stream numbers to open and when (epoch ms). */
	streams: { index: number; openAt: number }[];
	/** Streams still open at this time (epoch ms) are cut and counted as incomplete. */
	deadline: number;
};

/** Sent once every stream of this process has its first token (or has failed). */
export type AllOpenMessage = { type: 'all-open'; at: number };

export type StreamFailure = { index: number; reason: string };

export type LoadResult = {
	type: 'result';
	latency: ReturnType<LatencyHistogram['toJSON']>;
	/** From sending the request to the first token. */
	firstToken: ReturnType<LatencyHistogram['toJSON']>;
	opened: number;
	/** Streams that ended with `done`. */
	completed: number;
	failures: StreamFailure[];
	events: number;
	lostEvents: number;
	duplicateEvents: number;
	lostTokens: number;
	/** Last token number each stream that ended with `done` received. */
	tokensByStream: Record<number, number>;
	/** When the last of these streams got its first token, and when the first of them ended (epoch ms). */
	lastFirstTokenAt: number;
	firstEndAt: number;
	/** This process's own event-loop delay, ms. */
	loopDelay: { p50: number; p99: number; max: number };
};

const now = () => performance.timeOrigin + performance.now();
/** As in paced-upstream.ts (not imported: that module starts a server). */
const TIME_MODULO_MS = 100_000;
const TOKEN = /(\d+)@(\d+(?:\.\d+)?) /g;

function run(command: LoadCommand): Promise<LoadResult> {
	const latency = new LatencyHistogram();
	const firstToken = new LatencyHistogram();
	const failures: StreamFailure[] = [];
	const tokensByStream: Record<number, number> = {};
	const totals = { opened: 0, completed: 0, events: 0, lostEvents: 0, duplicateEvents: 0, lostTokens: 0, lastFirstTokenAt: 0, firstEndAt: Number.POSITIVE_INFINITY };
	const loop = monitorEventLoopDelay({ resolution: 10 });
	loop.enable();
	const body = (index: number) => JSON.stringify({ text: `bench stream ${index}`, orgId: command.orgId });
	const cuts = new Set<() => void>();
	/** Streams without their first token yet (and not failed). */
	let waitingForFirst = command.streams.length;
	const firstSettled = () => {
		if (--waitingForFirst === 0) process.send?.({ type: 'all-open', at: now() } satisfies AllOpenMessage);
	};

	const openStream = (index: number) =>
		new Promise<void>((settle) => {
			totals.opened++;
			const sentAt = now();
			let lastId = 0;
			let lastSeq = 0;
			let receivedAt = 0;
			let ended: 'done' | 'error' | undefined;
			let failed = false;
			let gotFirst = false;
			const fail = (reason: string) => {
				if (!failed) failures.push({ index, reason });
				failed = true;
				if (!gotFirst) {
					gotFirst = true;
					firstSettled();
				}
			};
			const parser = createParser({
				onEvent(message) {
					totals.events++;
					const id = Number(message.id);
					if (id <= lastId) totals.duplicateEvents++;
					else totals.lostEvents += id - lastId - 1;
					lastId = Math.max(lastId, id);
					const event = JSON.parse(message.data) as { type: string; content?: { content: string }; error?: string };
					if (event.type === 'delta') {
						for (const match of event.content!.content.matchAll(TOKEN)) {
							const seq = Number(match[1]);
							if (!gotFirst) {
								gotFirst = true;
								firstToken.record(receivedAt - sentAt);
								totals.lastFirstTokenAt = Math.max(totals.lastFirstTokenAt, receivedAt);
								firstSettled();
							}
							if (seq > lastSeq + 1) totals.lostTokens += seq - lastSeq - 1;
							lastSeq = Math.max(lastSeq, seq);
							// Send times come modulo TIME_MODULO_MS (paced-upstream.ts).
							const since = (((receivedAt - Number(match[2])) % TIME_MODULO_MS) + TIME_MODULO_MS) % TIME_MODULO_MS;
							// A hair below zero (two processes' clocks) wraps to nearly the modulo: it is 0.
							latency.record(since > TIME_MODULO_MS / 2 ? 0 : since);
						}
					} else if (event.type === 'done') ended = 'done';
					else if (event.type === 'error') {
						ended = 'error';
						fail(`error event: ${event.error}`);
					}
				}
			});
			const req = request(`${command.url}/api/chat/stream`, {
				method: 'POST',
				agent: false,
				headers: { 'content-type': 'application/json', origin: command.url, cookie: command.cookie }
			});
			let finished = false;
			const finish = () => {
				if (finished) return;
				finished = true;
				cuts.delete(cut);
				totals.firstEndAt = Math.min(totals.firstEndAt, now());
				if (ended === 'done' && !failed) {
					totals.completed++;
					tokensByStream[index] = lastSeq;
				}
				else if (!ended) fail('the stream ended without done or error');
				settle();
			};
			const cut = () => {
				fail('still open at the deadline');
				req.destroy();
			};
			cuts.add(cut);
			req.on('response', (res) => {
				if (res.statusCode !== 200) {
					let text = '';
					res.setEncoding('utf8');
					res.on('data', (part: string) => (text += part));
					res.on('end', () => {
						fail(`HTTP ${res.statusCode}: ${text.slice(0, 200)}`);
						finish();
					});
					return;
				}
				res.setEncoding('utf8');
				res.on('data', (text: string) => {
					receivedAt = now();
					parser.feed(text);
				});
				res.on('close', finish);
			});
			req.on('error', (error) => {
				fail(`request failed: ${error.message}`);
				finish();
			});
			req.end(body(index));
		});

	return new Promise((resolveRun) => {
		const streams = command.streams.map(
			({ index, openAt }) => new Promise<void>((opened) => setTimeout(() => void openStream(index).then(opened), Math.max(0, openAt - now())))
		);
		const cutTimer = setTimeout(() => cuts.forEach((cut) => cut()), Math.max(0, command.deadline - now()));
		void Promise.all(streams).then(() => {
			clearTimeout(cutTimer);
			loop.disable();
			resolveRun({
				type: 'result',
				latency: latency.toJSON(),
				firstToken: firstToken.toJSON(),
				...totals,
				failures,
				tokensByStream,
				loopDelay: { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 }
			});
		});
	});
}

process.on('message', (command: LoadCommand) => {
	if (command.type === 'run') void run(command).then((result) => process.send?.(result));
});
process.on('disconnect', () => process.exit(0));
