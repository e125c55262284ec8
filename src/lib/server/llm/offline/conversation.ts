/**
 * Reads a conversation the way a model does: each user message with the tool calls (and results)
 * that answered it, and what the conversation so far tells about the next message: who "him" is,
 * which list "the second one" picks from, what "undo that" undoes.
 */
import type { ChatCompletionMessageParam } from '../types';
import type { PersonRef } from '../../tools/types';
import { todayIso } from './dates';

/** A tool call the assistant made, with its result (JSON text) when it has one. */
export type ToolExchange = { id: string; name: string; arguments: string; result: string | null };

/** One user message and the tool calls made to answer it. */
export type Turn = { userText: string; exchanges: ToolExchange[] };

/** A list the assistant offered to choose from, and the request that waits for the choice. */
export type Offer = {
	people: PersonRef[];
	/** A search that finds them all again, to tell them apart by title or department. */
	query: string | null;
	/** The request to make again with the chosen person in place of `ref`. */
	retry: { text: string; ref: string; context: Context } | null;
};

/** What the conversation before a message tells about it. */
export type Context = {
	/** YYYY-MM-DD, for dates like "March 1". */
	today: string;
	/** Who "him", "her" or "them" means: the person the last answer was about. */
	focus: PersonRef | null;
	/** The list the last answer offered, if it asked to choose. */
	offer: Offer | null;
	/** The change ids of each turn that changed something, oldest first, and the ones undone since. */
	changes: { groups: string[][]; undone: string[] };
	/** The last request that was read as something to do, for "what about Marcus?". */
	previous: { text: string; context: Context } | null;
};

export function emptyContext(today = todayIso()): Context {
	return { today, focus: null, offer: null, changes: { groups: [], undone: [] }, previous: null };
}

function textOf(content: ChatCompletionMessageParam['content']): string {
	if (typeof content === 'string') return content;
	if (!Array.isArray(content)) return '';
	return content.map((part) => ('text' in part && typeof part.text === 'string' ? part.text : '')).join('');
}

/** Every user message with the tool calls made after it; the last one is the message to answer now. */
export function readTurns(messages: ChatCompletionMessageParam[]): Turn[] {
	const turns: Turn[] = [];
	for (const message of messages) {
		if (message.role === 'user') {
			turns.push({ userText: textOf(message.content), exchanges: [] });
			continue;
		}
		const turn = turns.at(-1);
		if (!turn) continue;
		if (message.role === 'assistant') {
			for (const call of message.tool_calls ?? []) {
				if (call.type !== 'function') continue;
				turn.exchanges.push({ id: call.id, name: call.function.name, arguments: call.function.arguments, result: null });
			}
		} else if (message.role === 'tool') {
			const exchange = turn.exchanges.find((candidate) => candidate.id === message.tool_call_id);
			if (exchange) exchange.result = textOf(message.content);
		}
	}
	return turns;
}

/** The date the system prompt gives ("Today is 2025-02-14."), else today's. */
export function todayOf(messages: ChatCompletionMessageParam[]): string {
	for (const message of messages) {
		if (message.role !== 'system') continue;
		const found = /Today is (\d{4}-\d{2}-\d{2})/.exec(textOf(message.content));
		if (found) return found[1];
	}
	return todayIso();
}
