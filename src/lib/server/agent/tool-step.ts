/** Executes the tool calls of one model step, in order, streaming each one's progress. */
import type { StreamEvent } from '$lib/protocol';
import { executeTool, getToolDefinition } from '../tools';
import type { ToolContext } from '../tools/types';
import type { ChatCompletionMessageParam } from '../llm/types';
import type { AnswerDraft, AnswerStore } from './answer-store';

export const STOPPED_BEFORE_RUNNING = 'Not run: the answer was stopped before this tool ran.';

/**
 * Runs every call of the draft; returns the tool messages for the model's next request.
 * A stop between calls closes the remaining ones with an error result, so no call is left
 * without a result (providers reject a history with an unanswered call). A call that started
 * always finishes: its changes are one transaction and are never left half-done.
 */
export async function executeToolCalls(
	ctx: ToolContext,
	store: AnswerStore,
	draft: AnswerDraft,
	emit: (event: StreamEvent) => Promise<void>,
	signal: AbortSignal
): Promise<ChatCompletionMessageParam[]> {
	const results: ChatCompletionMessageParam[] = [];
	for (const call of draft.toolCalls) {
		let content: string;
		if (signal.aborted) {
			call.status = 'error';
			call.error = STOPPED_BEFORE_RUNNING;
			content = JSON.stringify({ error: { code: 'stopped', message: STOPPED_BEFORE_RUNNING } });
		} else {
			call.status = 'executing';
			await emit({ type: 'tool_execution_start', toolId: call.id, toolName: call.name });
			const outcome = await executeTool(ctx, call.name, call.arguments);
			if (outcome.ok) {
				call.status = 'complete';
				call.result = outcome.result;
				content = JSON.stringify(outcome.result);
				const mutated = getToolDefinition(call.name)?.mutates ?? false;
				await emit({
					type: 'tool_execution_complete',
					toolId: call.id,
					result: outcome.result,
					touched: outcome.touched,
					mutated
				});
			} else {
				call.status = 'error';
				call.error = outcome.error.message;
				content = JSON.stringify({ error: outcome.error });
				await emit({ type: 'tool_execution_error', toolId: call.id, error: outcome.error.message });
			}
		}
		await store.saveToolResult(call.id, content);
		await draft.save();
		results.push({ role: 'tool', tool_call_id: call.id, content });
	}
	return results;
}
