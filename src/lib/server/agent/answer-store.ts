/**
 * What the agent loop needs to keep what it writes. The loop only builds the answer and emits
 * events; runs/ decides how it is stored (today: messages in the conversation's database rows).
 */
import type { ToolCallStatus } from '$lib/protocol';

/** A tool call of the answer: what the model asked, and what came of it. */
export type AnswerToolCall = {
	id: string;
	name: string;
	arguments: string;
	status: ToolCallStatus;
	result?: unknown;
	error?: string;
	/** For a call that asked the user's approval: what it would change, in one sentence. */
	summary?: string;
};

/** One model step's assistant message, kept as it grows. */
export interface AnswerDraft {
	readonly text: string;
	toolCalls: AnswerToolCall[];
	/** Adds streamed text; the store may keep a snapshot of it. */
	append(text: string): void;
	/** Keeps the message as it stands now; throws if that fails, and a later save tries again. */
	save(): Promise<void>;
}

/** Where one run's answer is kept. */
export interface AnswerStore {
	/** A new, empty assistant message for the next model step. */
	newDraft(): AnswerDraft;
	/** Keeps the result of one tool call, as the model will read it back on the next turn. */
	saveToolResult(toolCallId: string, content: string): Promise<void>;
}
