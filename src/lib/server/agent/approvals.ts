/**
 * What the agent loop needs to pause a tool call until the user approves or declines it. runs/
 * implements it on the run's event log, so the answer may arrive on any instance.
 */
import type { ToolApprovalPolicy } from '../tools/approval-policy';

/** How a wait for approval ended (a stop or shutdown rejects the wait instead). */
export type ApprovalOutcome = 'approved' | 'denied' | 'timed_out';

export interface ToolApprovals {
	readonly policy: ToolApprovalPolicy;
	/** Seconds a call may wait before it counts as declined (for the messages that say so). */
	readonly timeoutS: number;
	/** Marks a call as waiting, before the request is announced, so an answer from anywhere is accepted. */
	open(toolId: string): Promise<void>;
	/** Resolves with the answer, or 'timed_out' after `timeoutS`; rejects with the signal's reason when it aborts. */
	wait(toolId: string, signal: AbortSignal): Promise<ApprovalOutcome>;
}

