/**
 * The executing instance's side of a run's log: events are numbered here, kept in order in memory,
 * and written to the log in batches by one background loop, so a slow or absent store never slows
 * the agent. If the log vanishes (Redis restarted without persistence), it is written again from
 * event 1 with the same ids; if it was ended elsewhere (the run was closed as dead), writing stops.
 */
import type { StreamEvent } from '$lib/protocol';
import { sleep } from '../deadline';
import { MAX_READ_WAIT_MS, type LogRead, type LoggedEvent, type RunEventLog } from './event-log';

const RETRY_MS = 250;
const MAX_BATCH = 200;

export class RunLogWriter {
	readonly events: LoggedEvent[] = [];
	private written = 0;
	private recreate = false;
	private fenced = false;
	private flushing: Promise<void> | undefined;
	private readonly stopped = new AbortController();
	/** True once the log took every event and was ended, or the run's end is recorded elsewhere (see endLocally). */
	private ended = false;
	/** Local readers waiting for the next event, the end or the fence. */
	private waiters = new Set<() => void>();

	constructor(
		private readonly log: RunEventLog,
		private readonly runId: string,
		/** Called once if the log was ended by someone else. */
		private readonly onFenced: () => void = () => {}
	) {}

	/** Events the store has not taken yet. */
	get pending(): number {
		return this.events.length - this.written;
	}

	/** True once the log was found ended by another instance. */
	get isFenced(): boolean {
		return this.fenced;
	}

	/** Numbers the event and queues it for the log; returns its id. */
	push(event: StreamEvent): number {
		const entry = { id: this.events.length + 1, event };
		this.events.push(entry);
		this.flushing ??= this.flush().finally(() => (this.flushing = undefined));
		this.wake();
		return entry.id;
	}

	/**
	 * The events after `afterId`, straight from this process (waiting up to `waitMs` for one), as the
	 * log will hold them; null once the log was fenced: then only the log itself says what it holds.
	 * `ended` only after the log was ended too, so a follower ends when everyone else's does.
	 */
	async read(afterId: number, { waitMs, limit = 500 }: { waitMs: number; limit?: number }): Promise<LogRead | null> {
		if (this.events.length <= afterId && !this.ended && !this.fenced && waitMs > 0) {
			await new Promise<void>((resolve) => {
				const timer = setTimeout(done, Math.min(waitMs, MAX_READ_WAIT_MS));
				const waiters = this.waiters;
				function done() {
					clearTimeout(timer);
					waiters.delete(done);
					resolve();
				}
				waiters.add(done);
			});
		}
		if (this.fenced) return null;
		const events = this.events.slice(afterId, afterId + limit);
		const last = events.at(-1)?.id ?? afterId;
		return { events, ended: this.ended && last >= this.events.length };
	}

	/**
	 * The run's end is recorded in the database (or this writer gave up on the log): readers here end
	 * after the last event without waiting for the log to be ended too; elsewhere the log or the database tells them.
	 */
	endLocally(): void {
		this.ended = true;
		this.wake();
	}

	private wake(): void {
		if (this.waiters.size === 0) return;
		const waiters = this.waiters;
		this.waiters = new Set();
		for (const resolve of waiters) resolve();
	}

	/** Waits until every event is in the log, the log is fenced, or `signal` aborts; true when all got there. */
	async drain(signal: AbortSignal): Promise<boolean> {
		while (this.pending > 0 && !this.fenced && !signal.aborted) {
			this.flushing ??= this.flush().finally(() => (this.flushing = undefined));
			await Promise.race([this.flushing, new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }))]);
		}
		return this.pending === 0 && !this.fenced;
	}

	/** Drains, then ends the log (writing it again first if it vanished); gives up when `signal` aborts. */
	async finish(signal: AbortSignal): Promise<boolean> {
		while (!signal.aborted && !this.fenced) {
			if (!(await this.drain(signal))) return false;
			try {
				const result = await this.log.finish(this.runId);
				if (result === 'ok') {
					this.ended = true;
					this.wake();
					return true;
				}
				if (result === 'missing') this.restartFromFirst();
				else this.fence();
			} catch (error) {
				console.warn('[organichart] could not end the log of run', this.runId, '(retrying):', (error as Error).message);
				await sleep(RETRY_MS, signal);
			}
		}
		return false;
	}

	/** Stops the background loop (after finish, or when giving up). */
	stop(): void {
		this.stopped.abort();
		this.endLocally();
	}

	private async flush(): Promise<void> {
		let reported = false;
		while (this.pending > 0 && !this.fenced && !this.stopped.signal.aborted) {
			const batch = this.events.slice(this.written, this.written + MAX_BATCH);
			try {
				const result = await this.log.append(this.runId, batch, { recreate: this.recreate });
				if (result === 'ok') {
					this.written += batch.length;
					this.recreate = false;
				} else if (result === 'missing') {
					console.warn('[organichart] the log of run', this.runId, 'is gone (a store restart?); writing it again from the first event');
					this.restartFromFirst();
				} else this.fence();
			} catch (error) {
				if (!reported) console.warn('[organichart] could not append to the log of run', this.runId, '(retrying):', (error as Error).message);
				reported = true;
				await sleep(RETRY_MS, this.stopped.signal);
			}
		}
	}

	private restartFromFirst(): void {
		this.written = 0;
		this.recreate = true;
	}

	private fence(): void {
		if (this.fenced) return;
		this.fenced = true;
		this.wake();
		this.onFenced();
	}
}
