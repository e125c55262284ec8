/** Which of the assistant's changes wait for the user's approval (`TOOL_APPROVAL`). */
import type { ToolImpact } from './types';

/**
 * `destructive`: removals, and any change that would move more than one person to a new manager;
 * `all`: every change; `none`: nothing waits.
 */
export type ToolApprovalPolicy = 'destructive' | 'all' | 'none';

/** Whether a call with this impact (null: it changes nothing) must wait for the user under `policy`. */
export function needsApproval(policy: ToolApprovalPolicy, impact: ToolImpact | null): boolean {
	if (!impact || policy === 'none') return false;
	if (policy === 'all') return true;
	return impact.removed > 0 || impact.managerChanges > 1;
}
