/**
 * Assembles one model turn from streamed chunks: text, refusal, reasoning, and tool calls whose
 * arguments arrive in fragments. Calls are finished only in `finish()`, so nobody ever sees (or
 * parses) half a JSON argument string. Accepts the variations real providers send (see the tests).
 */
import { randomBytes } from 'node:crypto';
import { chunkSchema, type ParsedChoice, type ToolCallDelta } from './chunk-schema';
import { streamedErrorToModelError } from './provider-errors';
import type { ChatCompletionAssistantMessageParam } from 'openai/resources/chat/completions';
import { ModelError, type ChatCompletionChunk } from './types';

export type AssemblyUpdate =
	| { kind: 'text'; text: string }
	| { kind: 'refusal'; text: string }
	| { kind: 'reasoning'; text: string }
	| { kind: 'tool_call_delta'; index: number; id: string; name: string; argumentsDelta: string };

export type AssembledToolCall = { id: string; name: string; arguments: string };

export type TokenUsage = { promptTokens: number; completionTokens: number; totalTokens: number };

export type AssembledTurn = {
	text: string;
	refusal: string | null;
	reasoning: string;
	toolCalls: AssembledToolCall[];
	/** As the provider said, except `tool_calls` when calls exist and it said `stop` or nothing. */
	finishReason: string | null;
	usage?: TokenUsage;
};

export type TurnAssembler = {
	/** Reads one chunk; returns what it added, in order. Throws ModelError for an error chunk. */
	push(chunk: ChatCompletionChunk | ProviderChunk): AssemblyUpdate[];
	/** The whole turn, with every tool call's arguments complete ("{}" when none were sent). */
	finish(): AssembledTurn;
};

/** A chunk as some providers really send it (arguments as objects, `reasoning_content`, `error`…). */
export type ProviderChunk = Record<string, unknown>;

type CallInProgress = { index: number | null; providerId: string; id: string; name: string; arguments: string };

/** Makes an id for a call the provider sent without one; unique, and fixed for the call's life. */
function generatedCallId(position: number): string {
	return `call_${position}_${randomBytes(6).toString('hex')}`;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The one choice of a chunk that carries only text, no usage and no error — nearly every chunk of an
 * answer — read as chunkSchema would read it, without the schema's cost per token; undefined for
 * any other chunk, which the schema reads.
 */
export function textOnlyChoice(chunk: Record<string, unknown>): ParsedChoice | undefined {
	const { choices } = chunk;
	if (chunk.error != null || chunk.usage != null || !Array.isArray(choices) || choices.length !== 1) return undefined;
	const [choice] = choices as unknown[];
	if (!isRecord(choice) || !isRecord(choice.delta)) return undefined;
	const { index, finish_reason: finishReason, delta } = choice;
	if (index != null && !(Number.isInteger(index) && (index as number) >= 0)) return undefined;
	if (finishReason != null && typeof finishReason !== 'string') return undefined;
	if (typeof delta.content !== 'string' || delta.tool_calls != null || delta.refusal != null || delta.reasoning_content != null || delta.reasoning != null) {
		return undefined;
	}
	return { index: index as number | null | undefined, delta: { content: delta.content }, finish_reason: finishReason };
}

/** Starts assembling one turn; only choice `choiceIndex` (default 0) counts, as with `n > 1`. */
export function createTurnAssembler(options: { choiceIndex?: number } = {}): TurnAssembler {
	const choiceIndex = options.choiceIndex ?? 0;
	const calls: CallInProgress[] = [];
	let text = '';
	let refusal: string | null = null;
	let reasoning = '';
	let finishReason: string | null = null;
	let usage: TokenUsage | undefined;

	/** Which call a fragment belongs to: by index, else by id, else the last call (see README variations). */
	function callFor(delta: ToolCallDelta): CallInProgress {
		const providerId = delta.id ?? '';
		const name = delta.function?.name ?? '';
		let call: CallInProgress | undefined;
		if (delta.index != null) {
			call = calls.findLast((candidate) => candidate.index === delta.index);
			// Some servers put every parallel call at index 0; a different id means a different call.
			if (call && providerId && call.providerId && call.providerId !== providerId) call = undefined;
		} else if (providerId) {
			call = calls.find((candidate) => candidate.providerId === providerId);
		} else {
			call = calls.at(-1);
			// A new name with neither index nor id can only be the start of another call.
			if (call && name && call.name && call.name !== name) call = undefined;
		}
		if (!call) {
			call = { index: delta.index ?? null, providerId, id: providerId || generatedCallId(calls.length), name: '', arguments: '' };
			calls.push(call);
		}
		if (providerId && !call.providerId) call.providerId = providerId;
		// Names arrive whole; later deltas repeat them or send "" — never concatenate or blank them.
		if (name && !call.name) call.name = name;
		return call;
	}

	function readToolCall(delta: ToolCallDelta): AssemblyUpdate {
		const call = callFor(delta);
		const raw = delta.function?.arguments;
		let argumentsDelta = '';
		if (typeof raw === 'string') {
			argumentsDelta = raw;
			call.arguments += raw;
		} else if (raw != null) {
			// Arguments sent as a JSON object are the whole arguments, not a fragment.
			argumentsDelta = JSON.stringify(raw);
			call.arguments = argumentsDelta;
		}
		return { kind: 'tool_call_delta', index: calls.indexOf(call), id: call.id, name: call.name, argumentsDelta };
	}

	function readChoice(choice: ParsedChoice, updates: AssemblyUpdate[]): void {
		const delta = choice.delta;
		if (delta) {
			const thinking = delta.reasoning_content ?? delta.reasoning;
			if (thinking) {
				reasoning += thinking;
				updates.push({ kind: 'reasoning', text: thinking });
			}
			if (delta.content) {
				text += delta.content;
				updates.push({ kind: 'text', text: delta.content });
			}
			if (delta.refusal) {
				refusal = (refusal ?? '') + delta.refusal;
				updates.push({ kind: 'refusal', text: delta.refusal });
			}
			for (const toolCall of delta.tool_calls ?? []) updates.push(readToolCall(toolCall));
		}
		if (choice.finish_reason) finishReason = choice.finish_reason;
	}

	return {
		push(chunk) {
			const textOnly = isRecord(chunk) ? textOnlyChoice(chunk) : undefined;
			if (textOnly) {
				const updates: AssemblyUpdate[] = [];
				if ((textOnly.index ?? 0) === choiceIndex) readChoice(textOnly, updates);
				return updates;
			}
			const parsed = chunkSchema.safeParse(chunk);
			if (!parsed.success) {
				throw new ModelError('The model provider sent a response this app could not read. Please try again.', true, {
					kind: 'invalid_response',
					cause: parsed.error
				});
			}
			const { choices, usage: rawUsage, error } = parsed.data;
			if (error) throw streamedErrorToModelError(error);
			const updates: AssemblyUpdate[] = [];
			for (const choice of choices ?? []) {
				// A lone choice without an index is the answer; with n > 1 the others are ignored.
				if ((choice.index ?? 0) === choiceIndex) readChoice(choice, updates);
			}
			if (rawUsage) {
				const promptTokens = rawUsage.prompt_tokens ?? 0;
				const completionTokens = rawUsage.completion_tokens ?? 0;
				usage = { promptTokens, completionTokens, totalTokens: rawUsage.total_tokens ?? promptTokens + completionTokens };
			}
			return updates;
		},
		finish() {
			const toolCalls = calls.map((call) => ({ id: call.id, name: call.name, arguments: call.arguments.trim() || '{}' }));
			// A missing finish reason is kept as null: the stream was cut, and its calls may be incomplete.
			const reason = toolCalls.length > 0 && finishReason === 'stop' ? 'tool_calls' : finishReason;
			return { text, refusal, reasoning, toolCalls, finishReason: reason, ...(usage && { usage }) };
		}
	};
}

/** The assistant message to send back with the tool results in the follow-up request. */
export function toAssistantMessage(turn: AssembledTurn): ChatCompletionAssistantMessageParam {
	return {
		role: 'assistant',
		content: turn.text || null,
		...(turn.refusal && { refusal: turn.refusal }),
		// Providers reject an empty tool_calls array, so it is left out when there are no calls.
		...(turn.toolCalls.length > 0 && {
			tool_calls: turn.toolCalls.map((call) => ({
				id: call.id,
				type: 'function' as const,
				function: { name: call.name, arguments: call.arguments }
			}))
		})
	};
}
