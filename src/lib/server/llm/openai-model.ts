/** The model behind any OpenAI-compatible Chat Completions endpoint, through the official `openai` client. */
import OpenAI, { APIError, APIUserAbortError, BadRequestError } from 'openai';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import { abortError, isAbortError } from './abort';
import { toModelError } from './openai-errors';
import { ModelError, type ChatCompletionChunk, type ChatModel, type ChatModelRequest } from './types';

export type OpenAIModelOptions = {
	apiKey?: string;
	baseURL?: string;
	model: string;
	/** A stream that sends nothing for this long (before its first chunk or between two) is ended with an error. */
	idleTimeoutMs?: number;
};

const DEFAULT_IDLE_TIMEOUT_MS = 60_000;

/** Aborts its signal when `touch` has not been called for `ms`; a stalled provider never holds a run until its deadline. */
function idleWatch(ms: number) {
	const controller = new AbortController();
	let timer: ReturnType<typeof setTimeout> | undefined;
	const touch = () => {
		clearTimeout(timer);
		timer = setTimeout(() => controller.abort(new DOMException('The model provider went quiet', 'TimeoutError')), ms);
	};
	touch();
	return { signal: controller.signal, touch, stop: () => clearTimeout(timer) };
}

const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/** Where requests go, for messages ("api.openai.com", "127.0.0.1:11434"). */
function hostOf(baseURL: string | undefined): string {
	try {
		return new URL(baseURL ?? DEFAULT_BASE_URL).host;
	} catch {
		return baseURL ?? DEFAULT_BASE_URL;
	}
}

/** Some older compatible servers reject `stream_options`; they are asked again without it. */
function rejectsStreamOptions(error: unknown): boolean {
	return error instanceof BadRequestError && /stream_options/i.test(error.message);
}

/**
 * The chunks of a Chat Completions event stream, as many as each read of the body holds, until
 * `[DONE]` or its end. As the openai client reads them: an `{ error }` object sent inside the stream
 * throws an APIError (with no status), data that is not JSON a SyntaxError.
 */
async function* serverSentChunks(response: Response): AsyncGenerator<ChatCompletionChunk[]> {
	if (!response.body) return;
	const decoder = new TextDecoder();
	let pending: EventSourceMessage[] = [];
	const parser = createParser({ onEvent: (message) => pending.push(message) });
	const reader = response.body.getReader();
	/** `[DONE]` came: what follows is read (so the connection can be reused) but not used. */
	let over = false;
	let done = false;
	try {
		for (;;) {
			const read = await reader.read();
			if (read.done) {
				done = true;
				break;
			}
			parser.feed(decoder.decode(read.value, { stream: true }));
			const messages = pending;
			pending = [];
			const chunks: ChatCompletionChunk[] = [];
			for (const message of messages) {
				if (over || message.data.startsWith('[DONE]')) {
					over = true;
					break;
				}
				const data = JSON.parse(message.data) as ChatCompletionChunk & { error?: unknown };
				if (data?.error) throw new APIError(undefined, data.error as object, undefined, response.headers);
				chunks.push(data);
			}
			if (chunks.length > 0) yield chunks;
		}
	} finally {
		// Left early (stopped, failed, [DONE]): the connection is released instead of read to its end.
		if (!done) await reader.cancel().catch(() => {});
		reader.releaseLock();
	}
}

/** A ChatModel for an OpenAI-compatible endpoint; failures become ModelErrors with messages for users. */
export function createOpenAIModel(options: OpenAIModelOptions): ChatModel {
	// The client retries connection failures, 408, 409, 429 and 5xx itself (twice, with backoff).
	const client = new OpenAI({ apiKey: options.apiKey ?? 'not-needed', baseURL: options.baseURL, maxRetries: 2 });
	const provider = { host: hostOf(options.baseURL), model: options.model, apiKey: options.apiKey };

	async function open(request: ChatModelRequest) {
		const params: ChatCompletionCreateParamsStreaming = {
			model: options.model,
			messages: request.messages,
			...(request.tools.length > 0 && { tools: request.tools }),
			stream: true,
			stream_options: { include_usage: true }
		};
		// The client makes the request (retries, errors by status); its body is read here, not by the
		// client's stream: four async iterators deep, a fast answer spent more time there than in the rest of the run.
		try {
			return await client.chat.completions.create(params, { signal: request.signal }).asResponse();
		} catch (error) {
			if (!rejectsStreamOptions(error)) throw error;
			const { stream_options: _ignored, ...withoutUsage } = params;
			return await client.chat.completions.create(withoutUsage, { signal: request.signal }).asResponse();
		}
	}

	return {
		provider: 'openai',
		async *streamChat(request: ChatModelRequest): AsyncIterable<ChatCompletionChunk> {
			const { signal } = request;
			if (signal.aborted) throw abortError(signal);
			const idleMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
			const idle = idleWatch(idleMs);
			const stalled = () =>
				new ModelError(
					`The model provider (${provider.host}) sent nothing for ${Math.round(idleMs / 1000)} seconds, so the answer was stopped. The text so far is kept; please try again.`,
					true,
					{ kind: 'idle_timeout' }
				);
			try {
				const response = await open({ ...request, signal: AbortSignal.any([signal, idle.signal]) });
				for await (const chunks of serverSentChunks(response)) {
					// Only the provider's silence counts, not the time the run takes to handle a chunk.
					idle.stop();
					for (const chunk of chunks) yield chunk;
					idle.touch();
					if (signal.aborted || idle.signal.aborted) break;
				}
			} catch (error) {
				if (signal.aborted) throw abortError(signal);
				if (idle.signal.aborted) throw stalled();
				if (error instanceof APIUserAbortError || isAbortError(error)) throw abortError(signal);
				throw toModelError(error, provider);
			} finally {
				idle.stop();
			}
			if (!signal.aborted && idle.signal.aborted) throw stalled();
			// The client ends the stream quietly when its signal aborts; the caller must still learn it was stopped.
			if (signal.aborted) throw abortError(signal);
		}
	};
}
