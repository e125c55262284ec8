/**
 * Follows one run to its end across dropped connections. Once the run has started it resumes with
 * GET /api/chat/runs/:runId/events + Last-Event-ID. Before the `start` event there is no run to
 * resume, so it repeats the same request: its clientMessageId makes the server re-attach to the run
 * the first attempt may have started, never start a second one (DESIGN defect 6).
 */
import type { StreamEvent } from '$lib/protocol';
import { ApiError } from '$lib/client/api';
import { readStreamEvents, type StreamEventHandler } from '$lib/client/sse-reader';

export type RunEnd = { kind: 'finished'; last: 'done' | 'error' } | { kind: 'failed'; error: ApiError };

export type FollowRunOptions = {
	/** Opens the first response (the POST, or a resume after a page reload); repeated only before `start`. */
	open: () => Promise<Response>;
	resume: (runId: string, lastEventId: number) => Promise<Response>;
	onEvent: StreamEventHandler;
	/** The run id, once the `start` event (or the caller) has told it. */
	runId: () => string | null;
	/** Event id already applied before `open` (for a resume after reload). */
	afterId?: number;
	retryDelaysMs?: readonly number[];
	signal?: AbortSignal;
	sleep?: (ms: number) => Promise<void>;
	/** Told `true` when the connection dropped and a retry is coming, `false` once events flow again. */
	onConnectionChange?: (dropped: boolean) => void;
};

const DEFAULT_DELAYS = [500, 1000, 2000, 4000, 8000];
const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Whether a failed open is worth retrying (the network or a restarting server), not a refusal. */
const isTransient = (error: unknown) =>
	!(error instanceof ApiError) || error.code === 'network' || error.status >= 500;

/** Reads the run until `done` or `error`, resuming after drops; resolves how it ended. */
export async function followRun(options: FollowRunOptions): Promise<RunEnd> {
	const delays = options.retryDelaysMs ?? DEFAULT_DELAYS;
	const sleep = options.sleep ?? wait;
	let lastId = options.afterId ?? 0;
	let failures = 0;
	let open = options.open;
	let resuming = false;
	let dropped = false;
	const onEvent = (event: StreamEvent, id: number | undefined) => {
		// A replay may repeat events already applied: skip anything at or before the last id seen.
		if (id !== undefined) {
			if (id <= lastId) return;
			lastId = id;
		}
		if (dropped) {
			dropped = false;
			options.onConnectionChange?.(false);
		}
		failures = 0;
		options.onEvent(event, id);
	};
	for (;;) {
		try {
			const response = await open();
			if (!response.body) throw new ApiError('bad_response', 'The server sent an empty answer stream.', response.status);
			const outcome = await readStreamEvents(response.body, onEvent, options.signal);
			if (outcome.kind === 'finished') return outcome;
		} catch (error) {
			if (!isTransient(error)) return { kind: 'failed', error: asApiError(error, resuming) };
		}
		if (options.signal?.aborted) return { kind: 'failed', error: new ApiError('aborted', 'Stopped following the answer.', 0) };
		const runId = options.runId();
		if (failures >= delays.length) {
			const message = runId
				? 'Lost the connection to the answer. Reload the page to see it once you are back online.'
				: 'The connection dropped before the answer started. Check your connection and send again.';
			return { kind: 'failed', error: new ApiError('network', message, 0) };
		}
		if (!dropped) {
			dropped = true;
			options.onConnectionChange?.(true);
		}
		await sleep(delays[failures++]);
		resuming = runId !== null;
		open = runId ? () => options.resume(runId, lastId) : options.open;
	}
}

function asApiError(error: unknown, resuming: boolean): ApiError {
	if (error instanceof ApiError) {
		if (resuming && error.status === 404) return new ApiError(error.code, 'That answer is no longer available on the server.', 404, { cause: error });
		return error;
	}
	return new ApiError('network', 'Could not reach the OrganiChart server. Check your connection.', 0, { cause: error });
}
