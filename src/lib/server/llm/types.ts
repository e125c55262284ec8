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

/** What went wrong with the model provider: a small fixed set, for the metrics (`organichart_upstream_errors_total{kind}`). */
export const UPSTREAM_ERROR_KINDS = [
	/** Could not connect (refused, DNS, TLS). */
	'connection',
	/** No response in time (the client's request timeout). */
	'timeout',
	/** The stream went quiet for UPSTREAM_IDLE_TIMEOUT_S. */
	'idle_timeout',
	/** 401/403: the key was refused. */
	'auth',
	/** 404: unknown model or path. */
	'not_found',
	/** 429: rate limited. */
	'rate_limited',
	/** 429 insufficient_quota: out of credit. */
	'quota',
	/** 5xx. */
	'server_error',
	/** Another 4xx: the request was refused. */
	'rejected',
	/** An `{"error": …}` object inside the stream. */
	'stream_error',
	/** A body that is not valid JSON or not shaped like a chunk. */
	'invalid_response',
	/** The connection broke off mid-answer, or the stream ended without a finish reason. */
	'dropped'
] as const;

export type UpstreamErrorKind = (typeof UPSTREAM_ERROR_KINDS)[number];

/** A provider failure, with a message fit for users, what kind of failure it was, and the original cause kept for logs. */
export class ModelError extends Error {
	readonly kind: UpstreamErrorKind;

	constructor(
		message: string,
		readonly retryable: boolean,
		options: { kind: UpstreamErrorKind; cause?: unknown }
	) {
		super(message, { cause: options.cause });
		this.name = 'ModelError';
		this.kind = options.kind;
	}
}
