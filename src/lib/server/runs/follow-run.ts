/**
 * Following a run: events are pulled from its log after the follower's last id, so whatever drops
 * (a connection, a wake-up, the whole store) a follower never skips or repeats one. When the log is
 * quiet, gone or unreadable, the database says every few seconds how the run stands, so a follower
 * always ends within seconds of its run ending — with the events the database stored if the log cannot
 * deliver them.
 */
import type { StreamEvent } from '$lib/protocol';
import { sleep, withDeadline } from '../deadline';
import { MAX_READ_WAIT_MS, type LogRead, type LoggedEvent, type RunEventLog } from './event-log';
import { LOG_UNREADABLE_MESSAGE } from './run-messages';

/** How a run ended, as the database recorded it: its stored events after the follower's id, and the event to end with if they lack one. */
export type RunSettlement = { events: LoggedEvent[]; closing: StreamEvent };

/** Asks the database about the run (closing it first if its instance is gone); null while it is still running. */
export type SettleRun = (afterId: number) => Promise<RunSettlement | null>;

/** What a follower needs of a run's log. */
export type FollowedLog = Pick<RunEventLog, 'kind' | 'read'>;

/** How often a quiet follower asks the database. */
export const SETTLE_EVERY_MS = 3_000;
/** A run the database says ended gets this long for its log to end too, before the database's events are used instead. */
const LOG_END_GRACE_MS = 3_000;
/** One database check may take this long. */
const SETTLE_TIMEOUT_MS = 2_500;
/** A follower that can read neither the log nor the database for this long ends with an error. */
const GIVE_UP_MS = 30_000;
const READ_BATCH = 200;
/** While the log's store is failing, one read attempt may take this long, so the database is asked often. */
const FAILING_READ_MS = 1_000;

const isEnd = (event: StreamEvent | undefined) => event?.type === 'done' || event?.type === 'error';

/** Yields the run's events after `afterId` in order, each once, until the run has ended or `signal` aborts. */
export async function* followRun(log: FollowedLog, runId: string, afterId: number, settle: SettleRun, signal: AbortSignal): AsyncGenerator<LoggedEvent> {
	for await (const batch of followRunBatches(log, runId, afterId, settle, signal)) yield* batch;
}

/**
 * As followRun, a read's events at a time: a fast answer's follower takes what the log has in one
 * step, instead of a step per event.
 */
export async function* followRunBatches(
	log: FollowedLog,
	runId: string,
	afterId: number,
	settle: SettleRun,
	signal: AbortSignal
): AsyncGenerator<LoggedEvent[]> {
	let last = afterId;
	let lastEvent: StreamEvent | undefined;
	let lastSettle = 0;
	let endedInDatabaseAt: number | undefined;
	let failingSince: number | undefined;
	/** Since when the database could not be asked, while the log could not say how the run ended. */
	let settleFailingSince: number | undefined;

	/** The database's account of the end, after what this follower already has. */
	function settlement(settled: RunSettlement): LoggedEvent[] {
		const events: LoggedEvent[] = [];
		for (const entry of settled.events) {
			if (entry.id <= last) continue;
			last = entry.id;
			lastEvent = entry.event;
			events.push(entry);
		}
		if (!isEnd(lastEvent)) events.push({ id: last + 1, event: settled.closing });
		return events;
	}

	while (!signal.aborted) {
		let read: LogRead | null | undefined;
		try {
			const reading = log.read(runId, last, { waitMs: MAX_READ_WAIT_MS, limit: READ_BATCH });
			read = failingSince === undefined ? await reading : await withDeadline(reading, FAILING_READ_MS, 'reading the log');
			failingSince = undefined;
		} catch (error) {
			if (failingSince === undefined) console.warn('[organichart] could not read the log of run', runId, '(retrying):', (error as Error).message);
			failingSince ??= Date.now();
		}
		if (read) {
			for (const entry of read.events) {
				if (entry.id !== last + 1) throw new Error(`Run ${runId}: expected event ${last + 1}, the log gave ${entry.id}`);
				last = entry.id;
			}
			lastEvent = read.events.at(-1)?.event ?? lastEvent;
			if (read.events.length > 0) yield read.events;
			if (signal.aborted) return;
			if (read.ended && isEnd(lastEvent)) return;
			if (read.events.length > 0 && !read.ended) continue;
		}
		// The log is quiet, ended without a last word, gone (null) or unreadable (undefined): ask the database, now and then.
		const logReadable = read !== undefined && read !== null && !read.ended;
		// A live log in this process's memory belongs to a run executing in this process, which always ends
		// its log: the database has nothing to add, and thousands of quiet followers must not poll it.
		if (logReadable && (log.kind === 'memory' || Date.now() - lastSettle < SETTLE_EVERY_MS)) continue;
		lastSettle = Date.now();
		let settled: RunSettlement | null | undefined;
		try {
			settled = await withDeadline(settle(last), SETTLE_TIMEOUT_MS, 'checking the run');
			settleFailingSince = undefined;
		} catch (error) {
			if (settleFailingSince === undefined) console.warn('[organichart] could not check run', runId, '(retrying):', (error as Error).message);
			settleFailingSince ??= Date.now();
		}
		if (settled) {
			endedInDatabaseAt ??= Date.now();
			// A readable log normally ends right after the database records the end; give it a moment.
			if (!logReadable || Date.now() - endedInDatabaseAt >= LOG_END_GRACE_MS) {
				yield settlement(settled);
				return;
			}
		}
		// Neither the log nor the database can say how the run ends: the follower stops waiting, with a clear error.
		if (!logReadable && settleFailingSince !== undefined && Date.now() - settleFailingSince >= GIVE_UP_MS) {
			yield [{ id: last + 1, event: { type: 'error', error: LOG_UNREADABLE_MESSAGE } }];
			return;
		}
		if (!logReadable) await sleep(500, signal);
	}
}
