/** The model behind any OpenAI-compatible Chat Completions endpoint, through the official `openai` client. */
import OpenAI, { APIUserAbortError, BadRequestError } from 'openai';
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
		try {
			return await client.chat.completions.create(params, { signal: request.signal });
		} catch (error) {
			if (!rejectsStreamOptions(error)) throw error;
			const { stream_options: _ignored, ...withoutUsage } = params;
			return await client.chat.completions.create(withoutUsage, { signal: request.signal });
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
				const stream = await open({ ...request, signal: AbortSignal.any([signal, idle.signal]) });
				for await (const chunk of stream) {
					// Only the provider's silence counts, not the time the run takes to handle a chunk.
					idle.stop();
					yield chunk;
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
