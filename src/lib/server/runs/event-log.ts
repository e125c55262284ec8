/**
 * A run's event log: every stream event of one assistant answer, numbered from 1 by the run
 * itself, kept while the run is live and for a while after, so a client can replay after
 * `Last-Event-ID` and follow live. Followers pull: they read what came after their last id, and
 * wait a bounded time for more. Two implementations: process memory (one instance) and Redis
 * Streams (several instances share runs).
 */
import type { StreamEvent } from '$lib/protocol';
import type { ApprovalOutcome } from '../agent/approvals';

/** An event with its id; `json` is the event as JSON once someone made it (see eventJson). */
export type LoggedEvent = { id: number; event: StreamEvent; json?: string };

/** The event as JSON, made once per event however many write it (the store, each follower, the database). */
export function eventJson(entry: { event: unknown; json?: string }): string {
	return (entry.json ??= JSON.stringify(entry.event));
}

/**
 * How an append went: `ok`; `missing` when the log is gone (Redis restarted without persistence):
 * append again from id 1 with `recreate`; `finished` when the log was ended (the run was closed
 * elsewhere, so this instance must stop writing for it).
 */
export type AppendResult = 'ok' | 'missing' | 'finished';

/** What one read returns: events in order after the given id, and whether the log ended after them. */
export type LogRead = { events: LoggedEvent[]; ended: boolean };

export type ReadOptions = {
	/** How long to wait for a first event when none is there yet (bounded by the implementation). */
	waitMs: number;
	/** At most this many events. */
	limit?: number;
};

export interface RunEventLog {
	readonly kind: 'memory' | 'redis';
	/** Creates the log of a new run, before its record exists, so whoever finds the record finds it live. */
	open(runId: string): Promise<void>;
	/**
	 * Appends events with the ids the run gave them (consecutive from the log's last). Ids already
	 * in the log are skipped, so a retried append never doubles an event.
	 */
	append(runId: string, entries: LoggedEvent[], options?: { recreate?: boolean }): Promise<AppendResult>;
	/** Drops the log of a run that was never started (its record could not be created). */
	discard(runId: string): Promise<void>;
	/** Marks the log complete (idempotent); readers get `ended` after the last event. `missing` as for append. */
	finish(runId: string): Promise<AppendResult>;
	/**
	 * Appends `event` after the last event and ends the log, unless it has already ended or is gone;
	 * for closing a run whose instance died. False when it did nothing.
	 */
	endWith(runId: string, event: StreamEvent): Promise<boolean>;
	/** Whether the log is known here (live, or finished and not yet expired). */
	has(runId: string): Promise<boolean>;
	/** Whether the log is open (its run not yet finished). */
	isLive(runId: string): Promise<boolean>;
	/** Events after `afterId`, waiting up to `waitMs` for one; null when the log is not known here. */
	read(runId: string, afterId: number, options: ReadOptions): Promise<LogRead | null>;
	/** Asks the instance executing the run to stop it; stored, so it is not lost while that instance reconnects. */
	requestStop(runId: string): Promise<void>;
	/** Called on the executing instance when a stop is requested, wherever the request arrived (also if it came first). */
	onStopRequested(runId: string, callback: () => void): Promise<() => void>;
	/** Resolves when the store answers (always, in memory); for health checks. */
	ping(): Promise<void>;
	/** Marks a tool call of the run as waiting for the user's approval. */
	openApproval(runId: string, toolId: string): Promise<void>;
	/**
	 * Settles a waiting call with `answer` and tells the executing instance, wherever the answer
	 * arrived. Only the first answer counts: false when the call was not (or no longer) waiting.
	 */
	requestApproval(runId: string, toolId: string, answer: ApprovalOutcome): Promise<boolean>;
	/** Called on the executing instance with each call's settled answer. */
	onApproval(runId: string, callback: (toolId: string, answer: ApprovalOutcome) => void): Promise<() => void>;
	close(): Promise<void>;
}

/** How long a finished run's log stays replayable from the live store (the database keeps it after). */
export const FINISHED_RUN_RETENTION_MS = 10 * 60 * 1000;

/** The longest a read waits for new events, so followers re-check the run every few seconds whatever the store does. */
export const MAX_READ_WAIT_MS = 2_000;
