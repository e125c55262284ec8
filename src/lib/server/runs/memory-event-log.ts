import type { StreamEvent } from '$lib/protocol';
import type { ApprovalOutcome } from '../agent/approvals';
import { FINISHED_RUN_RETENTION_MS, MAX_READ_WAIT_MS, type AppendResult, type LoggedEvent, type RunEventLog } from './event-log';

type RunState = {
	events: LoggedEvent[];
	finished: boolean;
	finishedAt?: number;
	/** Readers waiting for the next event or the end. */
	waiters: Set<() => void>;
	stopRequested: boolean;
	stopCallbacks: Set<() => void>;
	/** Calls waiting for approval, and the answers of those that were settled. */
	approvals: Map<string, 'waiting' | ApprovalOutcome>;
	approvalCallbacks: Set<(toolId: string, answer: ApprovalOutcome) => void>;
};

export type MemoryLogLimits = {
	/** Finished logs are evicted this long after they ended. */
	retentionMs?: number;
	/** At most this many finished logs are kept; the oldest go first. */
	maxFinished?: number;
};

const DEFAULT_MAX_FINISHED = 500;

/** Run logs in this process's memory: enough for a single instance. */
export function createMemoryEventLog(limits: MemoryLogLimits | number = {}): RunEventLog {
	const { retentionMs = FINISHED_RUN_RETENTION_MS, maxFinished = DEFAULT_MAX_FINISHED } =
		typeof limits === 'number' ? { retentionMs: limits } : limits;
	const runs = new Map<string, RunState>();
	/** Finished run ids, oldest first (a Map keeps insertion order). */
	const finishedOrder = new Map<string, number>();

	const wake = (state: RunState) => {
		const waiters = [...state.waiters];
		state.waiters.clear();
		for (const resolve of waiters) resolve();
	};

	/** Drops finished logs past their age, then the oldest beyond the count. */
	const evict = () => {
		const now = Date.now();
		for (const [runId, finishedAt] of finishedOrder) {
			if (now - finishedAt < retentionMs && finishedOrder.size <= maxFinished) break;
			finishedOrder.delete(runId);
			runs.delete(runId);
		}
	};
	const sweep = setInterval(evict, Math.max(1_000, Math.min(retentionMs, 60_000)));
	sweep.unref?.();

	const newState = (): RunState => ({
		events: [],
		finished: false,
		waiters: new Set(),
		stopRequested: false,
		stopCallbacks: new Set(),
		approvals: new Map(),
		approvalCallbacks: new Set()
	});

	return {
		kind: 'memory',
		async open(runId) {
			runs.set(runId, newState());
		},
		async append(runId, entries, { recreate = false } = {}): Promise<AppendResult> {
			let state = runs.get(runId);
			if (!state && recreate) runs.set(runId, (state = newState()));
			if (!state) return 'missing';
			if (state.finished) return 'finished';
			for (const entry of entries) {
				if (entry.id <= state.events.length) continue;
				if (entry.id !== state.events.length + 1) throw new Error(`Run ${runId}: event ${entry.id} would leave a gap after ${state.events.length}`);
				state.events.push(entry);
			}
			wake(state);
			return 'ok';
		},
		async discard(runId) {
			runs.delete(runId);
		},
		async finish(runId) {
			const state = runs.get(runId);
			if (!state) return 'missing';
			if (state.finished) return 'ok';
			state.finished = true;
			state.finishedAt = Date.now();
			state.stopCallbacks.clear();
			state.approvalCallbacks.clear();
			finishedOrder.set(runId, state.finishedAt);
			wake(state);
			evict();
			return 'ok';
		},
		async endWith(runId, event: StreamEvent) {
			const state = runs.get(runId);
			if (!state || state.finished) return false;
			state.events.push({ id: state.events.length + 1, event });
			await this.finish(runId);
			return true;
		},
		async has(runId) {
			return runs.has(runId);
		},
		async isLive(runId) {
			const state = runs.get(runId);
			return Boolean(state && !state.finished);
		},
		async read(runId, afterId, { waitMs, limit = 500 }) {
			const state = runs.get(runId);
			if (!state) return null;
			if (state.events.length <= afterId && !state.finished && waitMs > 0) {
				await new Promise<void>((resolve) => {
					const timer = setTimeout(done, Math.min(waitMs, MAX_READ_WAIT_MS));
					function done() {
						clearTimeout(timer);
						state!.waiters.delete(done);
						resolve();
					}
					state.waiters.add(done);
				});
			}
			const events = state.events.slice(afterId, afterId + limit);
			const last = events.at(-1)?.id ?? afterId;
			return { events, ended: state.finished && last >= state.events.length };
		},
		async requestStop(runId) {
			const state = runs.get(runId);
			if (!state || state.finished) return;
			state.stopRequested = true;
			for (const callback of state.stopCallbacks) callback();
		},
		async onStopRequested(runId, callback) {
			const state = runs.get(runId);
			if (!state) throw new Error(`Run ${runId} has no open event log`);
			if (state.stopRequested) callback();
			state.stopCallbacks.add(callback);
			return () => state.stopCallbacks.delete(callback);
		},
		async openApproval(runId, toolId) {
			const state = runs.get(runId);
			if (!state) throw new Error(`Run ${runId} has no open event log`);
			state.approvals.set(toolId, 'waiting');
		},
		async requestApproval(runId, toolId, answer) {
			const state = runs.get(runId);
			if (!state || state.finished || state.approvals.get(toolId) !== 'waiting') return false;
			state.approvals.set(toolId, answer);
			for (const callback of state.approvalCallbacks) callback(toolId, answer);
			return true;
		},
		async onApproval(runId, callback) {
			const state = runs.get(runId);
			if (!state) throw new Error(`Run ${runId} has no open event log`);
			state.approvalCallbacks.add(callback);
			return () => state.approvalCallbacks.delete(callback);
		},
		async ping() {},
		async close() {
			clearInterval(sweep);
			for (const state of runs.values()) wake(state);
			runs.clear();
			finishedOrder.clear();
		}
	};
}
