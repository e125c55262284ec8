import type { StreamEvent } from '$lib/protocol';
import type { ApprovalOutcome } from '../agent/approvals';
import { FINISHED_RUN_RETENTION_MS, type LoggedEvent, type RunEventLog, type RunFollower } from './event-log';

type RunState = {
	events: LoggedEvent[];
	finished: boolean;
	followers: Set<RunFollower>;
	stopCallbacks: Set<() => void>;
	/** Calls waiting for approval, and the answers of those that were settled. */
	approvals: Map<string, 'waiting' | ApprovalOutcome>;
	approvalCallbacks: Set<(toolId: string, answer: ApprovalOutcome) => void>;
	expiry?: ReturnType<typeof setTimeout>;
};

/** Run logs in this process's memory: enough for a single instance. */
export function createMemoryEventLog(retentionMs = FINISHED_RUN_RETENTION_MS): RunEventLog {
	const runs = new Map<string, RunState>();

	const stateOf = (runId: string) => {
		const state = runs.get(runId);
		if (!state) throw new Error(`Run ${runId} has no open event log`);
		return state;
	};

	return {
		kind: 'memory',
		async open(runId) {
			runs.set(runId, {
				events: [],
				finished: false,
				followers: new Set(),
				stopCallbacks: new Set(),
				approvals: new Map(),
				approvalCallbacks: new Set()
			});
		},
		async append(runId, event: StreamEvent) {
			const state = stateOf(runId);
			if (state.finished) throw new Error(`Run ${runId} is finished; cannot append`);
			const entry = { id: state.events.length + 1, event };
			state.events.push(entry);
			for (const follower of state.followers) follower.onEvent(entry);
			return entry.id;
		},
		async discard(runId) {
			runs.delete(runId);
		},
		async finish(runId) {
			const state = stateOf(runId);
			state.finished = true;
			for (const follower of state.followers) follower.onEnd();
			state.followers.clear();
			state.stopCallbacks.clear();
			state.approvalCallbacks.clear();
			state.expiry = setTimeout(() => runs.delete(runId), retentionMs);
			state.expiry.unref?.();
		},
		async has(runId) {
			return runs.has(runId);
		},
		async isLive(runId) {
			const state = runs.get(runId);
			return Boolean(state && !state.finished);
		},
		async follow(runId, afterId, follower) {
			const state = stateOf(runId);
			for (const entry of state.events) if (entry.id > afterId) follower.onEvent(entry);
			if (state.finished) {
				follower.onEnd();
				return () => {};
			}
			state.followers.add(follower);
			return () => state.followers.delete(follower);
		},
		async requestStop(runId) {
			for (const callback of runs.get(runId)?.stopCallbacks ?? []) callback();
		},
		async onStopRequested(runId, callback) {
			const state = stateOf(runId);
			state.stopCallbacks.add(callback);
			return () => state.stopCallbacks.delete(callback);
		},
		async ping() {},
		async openApproval(runId, toolId) {
			stateOf(runId).approvals.set(toolId, 'waiting');
		},
		async requestApproval(runId, toolId, answer) {
			const state = runs.get(runId);
			if (!state || state.finished || state.approvals.get(toolId) !== 'waiting') return false;
			state.approvals.set(toolId, answer);
			for (const callback of state.approvalCallbacks) callback(toolId, answer);
			return true;
		},
		async onApproval(runId, callback) {
			const state = stateOf(runId);
			state.approvalCallbacks.add(callback);
			return () => state.approvalCallbacks.delete(callback);
		},
		async close() {
			for (const state of runs.values()) clearTimeout(state.expiry);
			runs.clear();
		}
	};
}
