/**
 * Tool approvals on a run's event log: the executing instance waits for an answer that may be
 * posted on any instance. The log settles each call once (the user's answer or the timeout, whichever
 * comes first) and tells this instance, so both sides always agree on what happened.
 */
import type { ApprovalOutcome, ToolApprovals } from '../agent/approvals';
import type { ToolApprovalPolicy } from '../tools/approval-policy';
import type { RunEventLog } from './event-log';

export type ApprovalSettings = { policy: ToolApprovalPolicy; timeoutMs: number };

/** Listens for the run's approval answers; call `unsubscribe` when the run ends. */
export async function subscribeRunApprovals(
	log: RunEventLog,
	runId: string,
	settings: ApprovalSettings
): Promise<{ approvals: ToolApprovals; unsubscribe: () => void }> {
	const answers = new Map<string, ApprovalOutcome>();
	const waiters = new Map<string, (answer: ApprovalOutcome) => void>();
	const unsubscribe = await log.onApproval(runId, (toolId, answer) => {
		if (answers.has(toolId)) return;
		answers.set(toolId, answer);
		waiters.get(toolId)?.(answer);
	});

	const wait = (toolId: string, signal: AbortSignal) =>
		new Promise<ApprovalOutcome>((resolve, reject) => {
			const known = answers.get(toolId);
			if (known) return resolve(known);
			const finish = () => {
				clearTimeout(timer);
				waiters.delete(toolId);
				signal.removeEventListener('abort', onAbort);
			};
			const onAbort = () => {
				finish();
				reject(signal.reason);
			};
			waiters.set(toolId, (answer) => {
				finish();
				resolve(answer);
			});
			// The timeout settles the call like an answer would; if the user's answer won, it arrives through onApproval.
			const timer = setTimeout(() => {
				log.requestApproval(runId, toolId, 'timed_out').catch((error) => {
					console.error('[organichart] could not record an approval timeout:', error);
					answers.set(toolId, 'timed_out');
					waiters.get(toolId)?.('timed_out');
				});
			}, settings.timeoutMs);
			if (signal.aborted) onAbort();
			else signal.addEventListener('abort', onAbort, { once: true });
		});

	return {
		approvals: {
			policy: settings.policy,
			timeoutS: Math.round(settings.timeoutMs / 1000),
			open: (toolId) => log.openApproval(runId, toolId),
			wait
		},
		unsubscribe
	};
}
