/**
 * A run's event log: every stream event of one assistant answer, numbered from 1, kept while the
 * run is live and for a while after, so a client can replay after `Last-Event-ID` and follow live.
 * Two implementations: process memory (one instance) and Redis (several instances share runs).
 */
import type { StreamEvent } from '$lib/protocol';
import type { ApprovalOutcome } from '../agent/approvals';

export type LoggedEvent = { id: number; event: StreamEvent };

/** What a follower receives: events in order, then the end of the log. */
export type RunFollower = {
	onEvent: (entry: LoggedEvent) => void;
	onEnd: () => void;
};

export interface RunEventLog {
	readonly kind: 'memory' | 'redis';
	/** Creates the log of a new run, before its record exists, so whoever finds the record finds it live. */
	open(runId: string): Promise<void>;
	/** Appends an event; ids increase by one from 1. */
	append(runId: string, event: StreamEvent): Promise<number>;
	/** Drops the log of a run that was never started (its record could not be created). */
	discard(runId: string): Promise<void>;
	/** Marks the log complete; followers get onEnd after the last event. */
	finish(runId: string): Promise<void>;
	/** Whether the log is known here (live, or finished and not yet expired). */
	has(runId: string): Promise<boolean>;
	/** Whether the run is still being executed by a live instance. */
	isLive(runId: string): Promise<boolean>;
	/** Replays events after `afterId`, then follows live ones until finish; returns an unsubscribe. */
	follow(runId: string, afterId: number, follower: RunFollower): Promise<() => void>;
	/** Asks the instance executing the run to stop it. */
	requestStop(runId: string): Promise<void>;
	/** Called on the executing instance when a stop is requested, wherever the request arrived. */
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
