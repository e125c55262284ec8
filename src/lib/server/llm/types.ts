/** The model behind an interface: the OpenAI-compatible client and the offline assistant both stream OpenAI-shaped chunks. */
import type {
	ChatCompletionChunk,
	ChatCompletionMessageParam,
	ChatCompletionTool
} from 'openai/resources/chat/completions';

export type { ChatCompletionChunk, ChatCompletionMessageParam, ChatCompletionTool };

export type ChatModelRequest = {
	messages: ChatCompletionMessageParam[];
	tools: ChatCompletionTool[];
	signal: AbortSignal;
};

export interface ChatModel {
	readonly provider: 'openai' | 'offline';
	/** Streams one model turn. Throws ModelError (with a user-fit message) when the provider fails. */
	streamChat(request: ChatModelRequest): AsyncIterable<ChatCompletionChunk>;
}

/** A provider failure, with a message fit for users and the original cause kept for logs. */
export class ModelError extends Error {
	constructor(
		message: string,
		readonly retryable: boolean,
		options: { cause?: unknown } = {}
	) {
		super(message, { cause: options.cause });
		this.name = 'ModelError';
	}
}
