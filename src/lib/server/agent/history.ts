/** Turns stored messages into the conversation the model sees on the next turn. */
import type { ChatCompletionMessageParam } from '../llm/types';
import type { AnswerToolCall } from './answer-store';

/** A message of the conversation as it was kept: the parts the model's history is built from. */
export type KeptMessage = {
	role: 'user' | 'assistant' | 'tool';
	content: string;
	toolCalls: AnswerToolCall[] | null;
	/** For role "tool": which call this is the result of. */
	toolCallId: string | null;
};

/** How many stored messages go back to the model; older ones are dropped whole-turn. */
export const HISTORY_LIMIT = 60;

/**
 * Builds model messages from stored rows. Starts at a user message so no tool result is orphaned,
 * and drops any tool call that has no stored result (a crash mid-turn), which providers reject.
 */
export function toModelHistory(rows: KeptMessage[]): ChatCompletionMessageParam[] {
	const recent = rows.slice(-HISTORY_LIMIT);
	const firstUser = recent.findIndex((row) => row.role === 'user');
	const turns = firstUser === -1 ? [] : recent.slice(firstUser);
	const answered = new Set(turns.filter((row) => row.role === 'tool').map((row) => row.toolCallId));
	const history: ChatCompletionMessageParam[] = [];
	for (const row of turns) {
		if (row.role === 'user') history.push({ role: 'user', content: row.content });
		else if (row.role === 'tool') {
			if (row.toolCallId) history.push({ role: 'tool', tool_call_id: row.toolCallId, content: row.content });
		} else {
			const calls = (row.toolCalls ?? []).filter((call) => answered.has(call.id));
			if (!row.content && calls.length === 0) continue;
			history.push({
				role: 'assistant',
				content: row.content || null,
				...(calls.length > 0 && {
					tool_calls: calls.map((call) => ({
						id: call.id,
						type: 'function' as const,
						function: { name: call.name, arguments: call.arguments }
					}))
				})
			});
		}
	}
	return history;
}
