/**
 * The process's Prometheus metrics, all defined here: assistant runs, answer streams, the model
 * provider, tools, database queries, and Node's own (event-loop lag, memory, CPU). Each instance
 * counts only what it does itself; Prometheus scrapes every instance and adds them up.
 *
 * Recording stays cheap enough for the per-token path: an event costs at most a comparison, and
 * timings use `performance.now()`.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { StreamEvent } from '$lib/protocol';
import { UPSTREAM_ERROR_KINDS, type UpstreamErrorKind } from './llm/types';

/** Every metric of the app; `GET /metrics` serves it. */
export const metricsRegistry = new Registry();

const PREFIX = 'organichart_';
const registers = [metricsRegistry];

/** Seconds, from a few milliseconds (a cached read) to the longest answers. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const RUN_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300, 600];
const FIRST_TEXT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

const runsStarted = new Counter({ name: `${PREFIX}runs_started_total`, help: 'Assistant answers that began executing on this instance.', registers });
const runsFinished = new Counter({ name: `${PREFIX}runs_finished_total`, help: 'Answers that ended normally (done).', registers });
const runsFailed = new Counter({ name: `${PREFIX}runs_failed_total`, help: 'Answers that ended with an error (provider, timeout, storage, shutdown).', registers });
const runsStopped = new Counter({ name: `${PREFIX}runs_stopped_total`, help: 'Answers stopped by their user.', registers });
const firstText = new Histogram({
	name: `${PREFIX}run_first_text_seconds`,
	help: 'From receiving a message to the first text of its answer.',
	buckets: FIRST_TEXT_BUCKETS,
	registers
});
const runDuration = new Histogram({
	name: `${PREFIX}run_duration_seconds`,
	help: 'From receiving a message to the end of its answer, by how it ended (done, error, stopped).',
	labelNames: ['status'] as const,
	buckets: RUN_BUCKETS,
	registers
});
const openStreams = new Gauge({ name: `${PREFIX}open_streams`, help: 'Event streams (SSE) open to clients now.', registers });
const streamDisconnects = new Counter({
	name: `${PREFIX}stream_disconnects_total`,
	help: 'Event streams that ended before their answer did: the client went away (client_gone) or read nothing for SSE_SLOW_CLIENT_S (slow_client).',
	labelNames: ['reason'] as const,
	registers
});
const streamResumes = new Counter({
	name: `${PREFIX}stream_resumes_total`,
	help: 'Clients that came back to an answer: GET /api/chat/runs/:runId/events, or a message re-sent with the same clientMessageId.',
	registers
});
const upstreamErrors = new Counter({
	name: `${PREFIX}upstream_errors_total`,
	help: 'Model provider failures that ended an answer, by kind.',
	labelNames: ['kind'] as const,
	registers
});
const toolDuration = new Histogram({
	name: `${PREFIX}tool_duration_seconds`,
	help: 'Tool executions (assistant and MCP), by tool and outcome (ok, error).',
	labelNames: ['tool', 'outcome'] as const,
	buckets: LATENCY_BUCKETS,
	registers
});
const dbQueryDuration = new Histogram({
	name: `${PREFIX}db_query_duration_seconds`,
	help: 'Database statements, from sending to the result (PGlite: including the wait for its single connection).',
	buckets: LATENCY_BUCKETS,
	registers
});

// Every known label value starts at 0, so rate() and alerts see a series before its first event.
for (const kind of UPSTREAM_ERROR_KINDS) upstreamErrors.inc({ kind }, 0);
for (const reason of ['client_gone', 'slow_client']) streamDisconnects.inc({ reason }, 0);

let processMetricsStarted = false;

/**
 * Starts Node's own metrics (event-loop lag, heap, GC, CPU, file descriptors) under their usual
 * names (`nodejs_eventloop_lag_seconds`, `process_cpu_seconds_total`…), so stock Node.js
 * dashboards work. Once per process; the server calls it at start.
 */
export function collectProcessMetrics(): void {
	if (processMetricsStarted) return;
	processMetricsStarted = true;
	collectDefaultMetrics({ register: metricsRegistry });
}

/** The metrics in the Prometheus text format, and its content type. */
export async function metricsExposition(): Promise<{ body: string; contentType: string }> {
	return { body: await metricsRegistry.metrics(), contentType: metricsRegistry.contentType };
}

/** One executing answer, as the metrics see it. */
export type RunMetrics = {
	/** Called with each event the answer emits (`at`: when, if earlier than now); notes the first text. */
	event: (event: StreamEvent, at?: number) => void;
	/** Called once, with how the answer ended. */
	end: (status: 'done' | 'error' | 'stopped') => void;
};

/** Counts an answer as started; `receivedAt` (from `performance.now()`) is when its message arrived. */
export function trackRun(receivedAt: number): RunMetrics {
	runsStarted.inc();
	let waitingForText = true;
	let ended = false;
	return {
		event(event, at = performance.now()) {
			if (waitingForText && event.type === 'delta') {
				waitingForText = false;
				firstText.observe((at - receivedAt) / 1000);
			}
		},
		end(status) {
			if (ended) return;
			ended = true;
			runDuration.observe({ status }, (performance.now() - receivedAt) / 1000);
			(status === 'done' ? runsFinished : status === 'stopped' ? runsStopped : runsFailed).inc();
		}
	};
}

export type StreamMetrics = {
	/** The stream is over; with a reason when the client left before its end. Only the first call counts. */
	close: (disconnect?: 'client_gone' | 'slow_client') => void;
};

/** Counts an event stream as open until `close`. */
export function trackStream(): StreamMetrics {
	openStreams.inc();
	let closed = false;
	return {
		close(disconnect) {
			if (closed) return;
			closed = true;
			openStreams.dec();
			if (disconnect) streamDisconnects.inc({ reason: disconnect });
		}
	};
}

/** A client came back to an answer already under way. */
export function recordResume(): void {
	streamResumes.inc();
}

/** The model provider failed an answer. */
export function recordUpstreamError(kind: UpstreamErrorKind): void {
	upstreamErrors.inc({ kind });
}

/** Runs a tool's work and times it; a result `{ ok: false }` or a throw counts as an error. */
export async function timeTool<Outcome extends { ok: boolean }>(tool: string, work: () => Promise<Outcome>): Promise<Outcome> {
	const started = performance.now();
	let outcome: 'ok' | 'error' = 'error';
	try {
		const result = await work();
		if (result.ok) outcome = 'ok';
		return result;
	} finally {
		toolDuration.observe({ tool, outcome }, (performance.now() - started) / 1000);
	}
}

/** Records one database statement that took `ms` milliseconds. */
export function recordDbQuery(ms: number): void {
	dbQueryDuration.observe(ms / 1000);
}
