/**
 * Concurrency: 500, 1,000 and 2,000 answers streaming at once, at 10 tokens/s, for 30 s, through one
 * built app (build/index.js, as `npm start` runs it) with its default embedded database and
 * in-memory run logs. The model is a paced local upstream in its own process (paced-upstream.ts)
 * whose tokens carry their send time; clients are load-generator processes (stream-load-worker.ts,
 * at most STREAMS_PER_WORKER streams each) that measure each token's latency on receipt and check
 * every event id and token number. The baseline is the same measurement at 10 concurrent answers in
 * the same run. After each level the app's resident memory is watched until it is back to its idle
 * figure, for at most 60 s.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { startAppServer, type AppServer } from '../../tests/helpers/app-server';
import { LatencyHistogram } from '../lib/latency-histogram';
import { cpuTimeMs, residentBytes } from '../lib/process-stats';
import { median, ms } from '../lib/stats';
import type { UpstreamCommand, UpstreamMessage } from '../lib/paced-upstream';
import type { AllOpenMessage, LoadCommand, LoadResult } from '../lib/stream-load-worker';
import type { BenchContext, BenchSuite, Cell, Goal } from '../lib/suite';

const libDir = resolve(import.meta.dirname, '..', 'lib');
const TOKENS_PER_SECOND = 10;
/** Streams per load-generator process: few enough that its own event loop stays prompt. */
const STREAMS_PER_WORKER = 400;
/** New answers started per second while a level ramps up (each start is a few database writes). */
const OPEN_PER_SECOND = 150;
/** A level whose streams do not all have their first token this long after the ramp goes on without the rest. */
const MAX_OPENING_MS = 60_000;
/** Memory counts as back when resident memory is within this fraction of its idle figure. */
const MEMORY_TOLERANCE = 0.1;
const SAMPLE_MS = 500;

/** Settings the bench gives the app, beyond the model: per-user limits raised so one user may hold thousands of answers. */
const APP_SETTINGS = { CHAT_RUNS_PER_MINUTE: '1000000' };

export type Sizes = { baseline: number; levels: number[]; durationS: number; memoryWatchS: number };
const FULL: Sizes = { baseline: 10, levels: [500, 1_000, 2_000], durationS: 30, memoryWatchS: 60 };
const SMOKE: Sizes = { baseline: 2, levels: [5], durationS: 2, memoryWatchS: 3 };

type Sample = { at: number; rss: number; appCpu: number; upstreamCpu: number; generatorCpu: number };

type LevelFigures = {
	streams: number;
	workers: number;
	events: number;
	/** Tokens the clients received, and the upstream sent. */
	tokens: number;
	tokensSent: number;
	latencyP50: number;
	latencyP99: number;
	latencyMax: number;
	firstTokenP50: number;
	lostEvents: number;
	/** Gaps in the token numbering within a stream. */
	lostTokens: number;
	/** Tokens the upstream sent after the last one the client received. */
	lostAtEnd: number;
	duplicateEvents: number;
	failedStreams: number;
	failures: string[];
	/** Whether every stream had its first token before the level's end was set. */
	openedAll: boolean;
	/** How long every stream of the level was open at once, s (0 when they never all were). */
	fullWindowS: number;
	/** The end of the app's output, when streams failed. */
	appLogTail: string;
	idleRss: number;
	duringRss: number;
	peakRss: number;
	rssPerStream: number;
	/** Cores the app used while every stream was open (1 = one core busy). */
	appCores: number;
	/** App CPU over the whole level (starts and ends of answers included) per 1,000 tokens delivered, ms. */
	appCpuPer1000Tokens: number;
	/** App CPU while every stream was open, per 1,000 tokens the upstream sent meanwhile, ms: the cost of streaming alone. */
	steadyCpuPer1000Tokens: number;
	upstreamCores: number;
	generatorCores: number;
	generatorLagP99: number;
	generatorLagMax: number;
	upstreamPacingP99: number;
	/** Seconds after the last answer ended until memory was back within tolerance; null if not within the watch. */
	memoryBackAfterS: number | null;
	rssAfterWatch: number;
};

const now = () => performance.timeOrigin + performance.now();
const sleep = (msToWait: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, msToWait));

/** A TypeScript child process with an IPC channel; its stderr is kept for errors. */
function forkScript(file: string, args: string[] = []): { child: ChildProcess; errors: () => string } {
	const child = fork(join(libDir, file), args, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
	let errors = '';
	child.stderr?.on('data', (chunk) => (errors = (errors + chunk).slice(-4000)));
	return { child, errors: () => errors };
}

/** The next IPC message of `type` from `child`, within `timeoutMs`. */
function nextMessage<T extends { type: string }>(child: ChildProcess, type: T['type'], timeoutMs: number, errors: () => string): Promise<T> {
	return new Promise((resolveMessage, reject) => {
		const timer = setTimeout(() => done(new Error(`No ${type} message from pid ${child.pid} within ${timeoutMs} ms:\n${errors()}`)), timeoutMs);
		const onMessage = (message: T) => message.type === type && done(undefined, message);
		const onExit = (code: number | null) => done(new Error(`pid ${child.pid} exited (${code}) before sending ${type}:\n${errors()}`));
		function done(error?: Error, message?: T) {
			clearTimeout(timer);
			child.off('message', onMessage);
			child.off('exit', onExit);
			if (error) reject(error);
			else resolveMessage(message!);
		}
		child.on('message', onMessage);
		child.once('exit', onExit);
	});
}

function stopChild(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolveStop) => {
		const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
		child.once('exit', () => {
			clearTimeout(timer);
			resolveStop();
		});
		child.kill('SIGTERM');
	});
}

/** Median resident memory over a few samples, once the app has been quiet a moment. */
async function idleRss(pid: number, samples = 5): Promise<number> {
	const values: number[] = [];
	for (let index = 0; index < samples; index++) {
		values.push(residentBytes(pid));
		await sleep(400);
	}
	return median(values);
}

type Harness = {
	app: AppServer;
	upstream: { child: ChildProcess; errors: () => string };
	workers: { child: ChildProcess; errors: () => string }[];
	log: BenchContext['log'];
};

async function upstreamStats(harness: Harness): Promise<Extract<UpstreamMessage, { type: 'stats' }>> {
	const reply = nextMessage<Extract<UpstreamMessage, { type: 'stats' }>>(harness.upstream.child, 'stats', 10_000, harness.upstream.errors);
	harness.upstream.child.send({ type: 'stats' } satisfies UpstreamCommand);
	return reply;
}

async function runLevel(harness: Harness, streams: number, sizes: Sizes): Promise<LevelFigures> {
	const { app, upstream, log } = harness;
	const pid = app.process.pid!;
	const workers = harness.workers.slice(0, Math.max(1, Math.ceil(streams / STREAMS_PER_WORKER)));
	const idle = await idleRss(pid);
	upstream.child.send({ type: 'reset' } satisfies UpstreamCommand);

	const rampMs = (streams / OPEN_PER_SECOND) * 1000;
	const t0 = now() + 500;
	// Answers go on until every stream has its first token; then they all end `durationS` later.
	const deadline = t0 + rampMs + MAX_OPENING_MS + sizes.durationS * 1000 + 30_000;
	const plans = workers.map(() => [] as LoadCommand['streams']);
	for (let index = 0; index < streams; index++) plans[index % workers.length].push({ index, openAt: t0 + (index * rampMs) / streams });

	const samples: Sample[] = [];
	const sample = () => {
		try {
			samples.push({
				at: now(),
				rss: residentBytes(pid),
				appCpu: cpuTimeMs(pid),
				upstreamCpu: cpuTimeMs(upstream.child.pid!),
				generatorCpu: workers.reduce((sum, worker) => sum + cpuTimeMs(worker.child.pid!), 0)
			});
		} catch {
			// A process just exited; the run reports it.
		}
	};
	sample();
	const sampler = setInterval(sample, SAMPLE_MS);
	const progress = setInterval(() => {
		const last = samples.at(-1);
		if (last) log(`${streams} answers: ${Math.round((last.at - t0) / 1000)} s, app RSS ${Math.round(last.rss / 2 ** 20)} MB`);
	}, 10_000);
	let results: LoadResult[];
	let openedAll = false;
	try {
		const allOpen = workers.map((worker) => nextMessage<AllOpenMessage>(worker.child, 'all-open', rampMs + MAX_OPENING_MS, worker.errors));
		const finished = workers.map((worker, index) => {
			const result = nextMessage<LoadResult>(worker.child, 'result', deadline - now() + 30_000, worker.errors);
			worker.child.send({ type: 'run', url: app.url, cookie: app.admin!.cookie, orgId: 'acme', streams: plans[index], deadline } satisfies LoadCommand);
			return result;
		});
		openedAll = await Promise.all(allOpen).then(
			() => true,
			() => false
		);
		const endAt = now() + sizes.durationS * 1000;
		upstream.child.send({ type: 'end-at', at: endAt } satisfies UpstreamCommand);
		log(`${streams} answers: ${openedAll ? 'all open' : 'NOT all open'} after ${((now() - t0) / 1000).toFixed(1)} s; they end in ${sizes.durationS} s`);
		results = await Promise.all(finished);
	} finally {
		clearInterval(sampler);
		clearInterval(progress);
	}
	sample();
	const endedAt = now();
	const sent = await upstreamStats(harness);

	const latency = new LatencyHistogram();
	const firstToken = new LatencyHistogram();
	for (const result of results) {
		latency.merge(result.latency);
		firstToken.merge(result.firstToken);
	}
	// Tokens the upstream sent that never reached a client whose stream ended with `done` (lost at the
	// end, where no later token shows a gap). Streams that failed are counted as failed streams.
	const received: Record<string, number> = Object.assign({}, ...results.map((result) => result.tokensByStream));
	let lostAtEnd = 0;
	let tokensSent = 0;
	for (const [stream, count] of Object.entries(sent.sent)) {
		tokensSent += count;
		if (stream in received) lostAtEnd += Math.max(0, count - received[stream]);
	}
	const failures = results.flatMap((result) => result.failures);
	// The steady part of the level: from the last stream's first token to the first stream's end.
	const windowStart = Math.max(...results.map((result) => result.lastFirstTokenAt));
	const windowEnd = Math.min(...results.map((result) => result.firstEndAt));
	const inWindow = openedAll && windowEnd > windowStart ? samples.filter((entry) => entry.at >= windowStart && entry.at <= windowEnd) : [];
	const steadyValid = inWindow.length >= 2;
	const steady = steadyValid ? inWindow : samples;
	const first = steady[0];
	const last = steady.at(-1)!;
	const elapsed = Math.max(1, last.at - first.at);
	const duringRss = median(steady.map((entry) => entry.rss));

	// Memory after the answers end: watched until back within tolerance of the idle figure.
	let memoryBackAfterS: number | null = null;
	let rssAfterWatch = residentBytes(pid);
	while (now() - endedAt <= sizes.memoryWatchS * 1000) {
		rssAfterWatch = residentBytes(pid);
		if (rssAfterWatch <= idle * (1 + MEMORY_TOLERANCE)) {
			memoryBackAfterS = (now() - endedAt) / 1000;
			break;
		}
		await sleep(1_000);
	}

	return {
		streams,
		workers: workers.length,
		events: results.reduce((sum, result) => sum + result.events, 0),
		tokens: latency.count,
		latencyP50: latency.quantile(0.5),
		latencyP99: latency.quantile(0.99),
		latencyMax: latency.max,
		firstTokenP50: firstToken.quantile(0.5),
		lostEvents: results.reduce((sum, result) => sum + result.lostEvents, 0),
		lostTokens: results.reduce((sum, result) => sum + result.lostTokens, 0),
		lostAtEnd,
		duplicateEvents: results.reduce((sum, result) => sum + result.duplicateEvents, 0),
		failedStreams: new Set(failures.map((failure) => failure.index)).size,
		failures: [...new Set(failures.map((failure) => failure.reason))].slice(0, 5),
		openedAll,
		fullWindowS: steadyValid ? (windowEnd - windowStart) / 1000 : 0,
		idleRss: idle,
		duringRss,
		peakRss: Math.max(...samples.map((entry) => entry.rss)),
		// Only while every stream was open do these say something per stream.
		rssPerStream: steadyValid ? (duringRss - idle) / streams : Number.NaN,
		appCores: (last.appCpu - first.appCpu) / elapsed,
		steadyCpuPer1000Tokens: steadyValid ? ((last.appCpu - first.appCpu) / ((streams * TOKENS_PER_SECOND * elapsed) / 1000)) * 1000 : Number.NaN,
		appCpuPer1000Tokens: latency.count > 0 ? ((samples.at(-1)!.appCpu - samples[0].appCpu) / latency.count) * 1000 : Number.NaN,
		appLogTail: failures.length > 0 ? app.logs().slice(-1_500) : '',
		upstreamCores: (last.upstreamCpu - first.upstreamCpu) / elapsed,
		generatorCores: (last.generatorCpu - first.generatorCpu) / elapsed,
		generatorLagP99: Math.max(...results.map((result) => result.loopDelay.p99)),
		generatorLagMax: Math.max(...results.map((result) => result.loopDelay.max)),
		upstreamPacingP99: pacingP99(sent),
		tokensSent,
		memoryBackAfterS,
		rssAfterWatch
	};
}

function pacingP99(stats: Extract<UpstreamMessage, { type: 'stats' }>): number {
	const histogram = new LatencyHistogram();
	histogram.merge(stats.pacingLag);
	return histogram.quantile(0.99);
}

const lost = (figures: LevelFigures) => figures.lostEvents + figures.lostTokens + figures.lostAtEnd;
const kb = (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / 1024).toFixed(1)} KB` : '—');
const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
const percent = (cores: number) => `${Math.round(cores * 100)}%`;
const times = (value: number, baseline: number) => (baseline > 0 && Number.isFinite(value) ? `${(value / baseline).toFixed(1)}×` : '—');

export const concurrencySuite: BenchSuite = {
	id: 'concurrency',
	title: 'Concurrency: thousands of answers streaming at once',
	run: (context) => runConcurrency(context, context.smoke ? SMOKE : FULL)
};

/** Runs the baseline and each level of `sizes` against one app; exported for ad-hoc sizes while profiling. */
export async function runConcurrency(context: BenchContext, sizes: Sizes, appEnv: Record<string, string> = {}) {
	const suiteStarted = performance.now();
	const upstream = forkScript('paced-upstream.ts', [String(TOKENS_PER_SECOND)]);
	const workerCount = Math.ceil(Math.max(...sizes.levels) / STREAMS_PER_WORKER);
	const workers = Array.from({ length: workerCount }, () => forkScript('stream-load-worker.ts'));
	let app: AppServer | undefined;
	try {
		const { port } = await nextMessage<Extract<UpstreamMessage, { type: 'ready' }>>(upstream.child, 'ready', 30_000, upstream.errors);
		app = await startAppServer(
			{ OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1`, OPENAI_API_KEY: 'sk-bench', OPENAI_MODEL: 'bench', ...APP_SETTINGS, ...appEnv },
			join(context.tmpDir, 'data')
		);
		context.log(`app started (${((performance.now() - suiteStarted) / 1000).toFixed(1)} s)`);
		const harness: Harness = { app, upstream, workers, log: context.log };
		// A short untimed round first: the app's code is compiled and its first-start memory settled before anything is measured.
		await runLevel(harness, sizes.baseline, { ...sizes, durationS: 2, memoryWatchS: 0 });
		context.log(`baseline: ${sizes.baseline} answers for ${sizes.durationS} s`);
		const baseline = await runLevel(harness, sizes.baseline, sizes);
		const levels: LevelFigures[] = [];
		for (const streams of sizes.levels) {
			context.log(`${streams} answers at ${TOKENS_PER_SECOND} tokens/s for ${sizes.durationS} s`);
			levels.push(await runLevel(harness, streams, sizes));
		}
		return report([baseline, ...levels], context.smoke);
	} finally {
		await app?.stop();
		await Promise.all([...workers.map((worker) => stopChild(worker.child)), stopChild(upstream.child)]);
	}
}

function report(all: LevelFigures[], smoke: boolean) {
	const [baseline] = all;
	const levels = all.slice(1);
	const label = (figures: LevelFigures, index: number) => `${figures.streams}${index === 0 ? ' (baseline)' : ''}`;
	const main: Cell[][] = all.map((figures, index) => [
		label(figures, index),
		figures.tokens,
		ms(figures.latencyP50),
		ms(figures.latencyP99),
		times(figures.latencyP99, baseline.latencyP99),
		lost(figures),
		figures.failedStreams,
		index === 0 ? '—' : kb(figures.rssPerStream),
		percent(figures.appCores),
		`${ms(figures.steadyCpuPer1000Tokens)} (${ms(figures.appCpuPer1000Tokens)})`,
		figures.memoryBackAfterS === null ? `no (${mb(figures.rssAfterWatch)} vs ${mb(figures.idleRss)} idle)` : `${figures.memoryBackAfterS.toFixed(0)} s`
	]);
	const load: Cell[][] = all.map((figures, index) => [
		label(figures, index),
		figures.openedAll ? `${figures.fullWindowS.toFixed(0)} s` : 'never all',
		ms(figures.firstTokenP50),
		`${mb(figures.idleRss)} → ${mb(figures.duringRss)} (peak ${mb(figures.peakRss)})`,
		percent(figures.upstreamCores),
		`${figures.workers} × ${percent(figures.generatorCores / figures.workers)}`,
		ms(figures.generatorLagP99),
		ms(figures.upstreamPacingP99)
	]);
	const top = levels.at(-1)!;
	const goals: Goal[] = [
		{ name: `${top.streams} concurrent answers: added latency p99`, target: '< 100 ms', measured: ms(top.latencyP99), met: top.latencyP99 < 100 },
		{
			name: `${top.streams} concurrent answers: events lost`,
			target: '0',
			measured: `${lost(top)} lost, ${top.failedStreams} streams failed`,
			met: lost(top) === 0 && top.duplicateEvents === 0 && top.failedStreams === 0 && top.tokens > 0
		},
		{
			name: `${top.streams} concurrent answers: RSS per open stream`,
			target: '< 50 KB',
			measured: top.openedAll ? kb(top.rssPerStream) : `— (the ${top.streams} streams were never all open at once)`,
			met: top.rssPerStream < 50 * 1024
		},
		{
			name: 'memory back to its idle figure after the answers end',
			target: '≤ 60 s',
			measured: levels.map((figures) => `${figures.streams}: ${figures.memoryBackAfterS === null ? 'not within the watch' : `${figures.memoryBackAfterS.toFixed(0)} s`}`).join(', '),
			met: levels.every((figures) => figures.memoryBackAfterS !== null && figures.openedAll)
		}
	];
	const notes = [
		`The app runs from build/index.js with its defaults (embedded PGlite database, in-memory run logs), OPENAI_BASE_URL pointing at a paced upstream in its own process, and CHAT_RUNS_PER_MINUTE=${APP_SETTINGS.CHAT_RUNS_PER_MINUTE} so one signed-in user may start every answer (the only per-user limit on this path). Clients sign in once and share the session.`,
		`Each answer streams ${TOKENS_PER_SECOND} tokens/s; a level opens ${OPEN_PER_SECOND} answers/s and ends them all together, ${smoke ? 'a moment' : '30 s'} after the last one opened. Added latency is the time from the upstream's write of a token to its receipt by the client (both on loopback, the same clock), over every token of the level; it includes the two loopback hops.`,
		'Events lost counts gaps in the SSE id sequence, gaps in the upstream\'s token numbering, and tokens the upstream sent that never arrived. RSS per stream is (median resident memory while every stream was open − idle memory before the level) / streams. App CPU is the share of one core used while every stream was open; CPU per 1,000 tokens is measured while every stream was open (and, in brackets, over the whole level, starting and ending the answers too); it depends far less than latency on how busy the machine is.',
		`Memory counts as back once resident memory is within ${MEMORY_TOLERANCE * 100}% of the idle figure measured before the level; it is watched for up to ${smoke ? 'a few' : '60'} s.`,
		`The load generator uses one process per ${STREAMS_PER_WORKER} streams; its own event-loop delay (p99) is in the second table: latencies are trustworthy while it stays well under them.`
	];
	for (const figures of all) {
		if (lost(figures) + figures.duplicateEvents === 0) continue;
		notes.push(`${figures.streams} answers: ${figures.lostEvents} event ids skipped, ${figures.duplicateEvents} repeated, ${figures.lostTokens} tokens missing inside streams, ${figures.lostAtEnd} missing at their ends (of ${figures.tokensSent} sent).`);
	}
	for (const figures of all) {
		if (figures.failures.length === 0) continue;
		notes.push(`${figures.streams} answers, failures: ${figures.failures.join('; ')}. The app's last output: ${figures.appLogTail.replace(/\s+/g, ' ').slice(-600)}`);
	}
	for (const figures of levels) if (!figures.openedAll) notes.push(`${figures.streams} answers: not every stream had its first token within ${MAX_OPENING_MS / 1000} s of the ramp; the level went on with those that had.`);
	return {
		tables: [
			{
				title: 'Concurrent answers at 10 tokens/s: latency, loss, memory and CPU of the app',
				columns: ['answers', 'tokens', 'added latency p50', 'p99', 'p99 vs baseline', 'events lost', 'failed streams', 'RSS per stream', 'app CPU', 'app CPU per 1,000 tokens streaming (all in)', 'memory back'],
				rows: main
			},
			{
				title: 'The load around it (what the figures above rest on)',
				columns: ['answers', 'all open for', 'first token p50', 'app RSS idle → during', 'upstream CPU', 'load processes', 'generator lag p99', 'upstream pacing p99'],
				rows: load
			}
		],
		goals,
		notes,
		data: all
	};
}
