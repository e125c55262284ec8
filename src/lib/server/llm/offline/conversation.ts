/** Reads the part of a conversation the offline assistant acts on: the last user message and what followed it. */
import type { ChatCompletionMessageParam } from '../types';

/** A tool call made since the last user message, with its result (JSON text) when it has one. */
export type ToolExchange = { id: string; name: string; arguments: string; result: string | null };

export type CurrentTurn = { userText: string; exchanges: ToolExchange[] };

function textOf(content: ChatCompletionMessageParam['content']): string {
	if (typeof content === 'string') return content;
	if (!Array.isArray(content)) return '';
	return content.map((part) => ('text' in part && typeof part.text === 'string' ? part.text : '')).join('');
}

/** The last user message, and the tool calls (with results) the assistant made after it. */
export function readCurrentTurn(messages: ChatCompletionMessageParam[]): CurrentTurn {
	const lastUser = messages.findLastIndex((message) => message.role === 'user');
	const userText = lastUser === -1 ? '' : textOf(messages[lastUser].content);
	const exchanges: ToolExchange[] = [];
	for (const message of messages.slice(lastUser + 1)) {
		if (message.role === 'assistant') {
			for (const call of message.tool_calls ?? []) {
				if (call.type !== 'function') continue;
				exchanges.push({ id: call.id, name: call.function.name, arguments: call.function.arguments, result: null });
			}
		} else if (message.role === 'tool') {
			const exchange = exchanges.find((candidate) => candidate.id === message.tool_call_id);
			if (exchange) exchange.result = textOf(message.content);
		}
	}
	return { userText, exchanges };
}
