/** Executes the tool calls of one model step, in order, streaming each one's progress. */
import { parseToolArguments, type StreamEvent } from '$lib/protocol';
import { getToolDefinition, prepareToolCall, previewToolCall, runPreparedToolCall, type PreparedToolCall } from '../tools';
import { needsApproval } from '../tools/approval-policy';
import type { ToolContext, ToolError } from '../tools/types';
import type { ChatCompletionMessageParam } from '../llm/types';
import type { AnswerDraft, AnswerStore, AnswerToolCall } from './answer-store';
import type { ToolApprovals } from './approvals';
import type { RunDeadline } from './run-deadline';
import { toolResultText } from './tool-result-text';

export const STOPPED_BEFORE_RUNNING = 'Not run: the answer was stopped before this tool ran.';
export const DECLINED_MESSAGE = 'Not done: the user declined this change, so nothing was changed. Do not try it again unless the user asks.';

export type ToolStep = {
	ctx: ToolContext;
	store: AnswerStore;
	draft: AnswerDraft;
	emit: (event: StreamEvent) => Promise<void>;
	signal: AbortSignal;
	approvals: ToolApprovals;
	/** Stands still while a call waits for the user. */
	deadline?: Pick<RunDeadline, 'pause' | 'resume'>;
	/** At most this many calls of one turn run; the rest get a `too_many_calls` error. */
	maxCalls: number;
};

type CallResult = { content: string };

/**
 * Runs every call of the draft; returns the tool messages for the model's next request.
 * A stop between calls (or while one waits for approval) closes the remaining ones with an error
 * result, so no call is left without a result (providers reject a history with an unanswered
 * call). A call that started always finishes: its changes are one transaction and are never left half-done.
 */
export async function executeToolCalls(step: ToolStep): Promise<ChatCompletionMessageParam[]> {
	const results: ChatCompletionMessageParam[] = [];
	for (const [index, call] of step.draft.toolCalls.entries()) {
		const { content } = step.signal.aborted
			? stopped(call)
			: index >= step.maxCalls
				? await refuse(step, call, tooManyCalls(step.maxCalls, index), false)
				: await runCall(step, call);
		await step.store.saveToolResult(call.id, content);
		await step.draft.save();
		results.push({ role: 'tool', tool_call_id: call.id, content });
	}
	return results;
}

async function runCall(step: ToolStep, call: AnswerToolCall): Promise<CallResult> {
	const prepared = prepareToolCall(step.ctx, call.name, call.arguments);
	if (!prepared.ok) return refuse(step, call, prepared.error, true);
	if (step.approvals.policy !== 'none') {
		const preview = await previewToolCall(step.ctx, prepared.call);
		// A change that would be refused is refused now: nothing to approve.
		if (!preview.ok) return refuse(step, call, preview.error, true);
		if (needsApproval(step.approvals.policy, preview.impact)) {
			const answer = await askApproval(step, call, preview.impact?.summary ?? '');
			if (answer !== 'approved') return answer;
		}
	}
	return execute(step, call, prepared.call);
}

/** Pauses the call until the user answers; the result when it does not go ahead. */
async function askApproval(step: ToolStep, call: AnswerToolCall, summary: string): Promise<'approved' | CallResult> {
	await step.approvals.open(call.id);
	call.status = 'awaiting_approval';
	call.summary = summary;
	await step.draft.save();
	const args = call.arguments.trim() === '' ? {} : parseToolArguments(call.arguments);
	await step.emit({ type: 'tool_approval_required', toolId: call.id, toolName: call.name, arguments: args, summary });
	step.deadline?.pause();
	let answer;
	try {
		answer = await step.approvals.wait(call.id, step.signal);
	} catch {
		// Stopped (or shut down) while waiting: the run ends, and this call did not run.
		const result = stopped(call);
		await step.emit({ type: 'tool_execution_error', toolId: call.id, error: STOPPED_BEFORE_RUNNING });
		return result;
	} finally {
		step.deadline?.resume();
	}
	const approved = answer === 'approved';
	call.status = 'pending';
	await step.emit({ type: 'tool_approval_resolved', toolId: call.id, approved });
	if (approved) return 'approved';
	const message =
		answer === 'timed_out'
			? `Not done: the approval request timed out (no answer within ${step.approvals.timeoutS} seconds), so it counts as declined and nothing was changed.`
			: DECLINED_MESSAGE;
	return refuse(step, call, { code: 'denied', message }, false);
}

async function execute(step: ToolStep, call: AnswerToolCall, prepared: PreparedToolCall): Promise<CallResult> {
	call.status = 'executing';
	await step.emit({ type: 'tool_execution_start', toolId: call.id, toolName: call.name });
	const outcome = await runPreparedToolCall(step.ctx, prepared);
	if (!outcome.ok) return fail(step, call, outcome.error);
	call.status = 'complete';
	call.result = outcome.result;
	const mutated = getToolDefinition(call.name)?.mutates ?? false;
	await step.emit({ type: 'tool_execution_complete', toolId: call.id, result: outcome.result, touched: outcome.touched, mutated });
	return { content: toolResultText(outcome.result) };
}

/** A call that does not run; `announce` sends `tool_execution_start` first, as a call refused by the tool itself does. */
async function refuse(step: ToolStep, call: AnswerToolCall, error: ToolError, announce: boolean): Promise<CallResult> {
	if (announce) {
		call.status = 'executing';
		await step.emit({ type: 'tool_execution_start', toolId: call.id, toolName: call.name });
	}
	return fail(step, call, error);
}

async function fail(step: ToolStep, call: AnswerToolCall, error: ToolError): Promise<CallResult> {
	call.status = 'error';
	call.error = error.message;
	await step.emit({ type: 'tool_execution_error', toolId: call.id, error: error.message });
	return { content: toolResultText({ error }) };
}

function stopped(call: AnswerToolCall): CallResult {
	call.status = 'error';
	call.error = STOPPED_BEFORE_RUNNING;
	return { content: JSON.stringify({ error: { code: 'stopped', message: STOPPED_BEFORE_RUNNING } }) };
}

function tooManyCalls(max: number, index: number): ToolError {
	return {
		code: 'too_many_calls',
		message: `Not run: at most ${max} tool calls run per turn, and this was call ${index + 1}. Nothing was changed by it; make the remaining calls in your next turn if they are still needed.`
	};
}

