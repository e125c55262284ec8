/** The model behind any OpenAI-compatible Chat Completions endpoint, through the official `openai` client. */
import OpenAI, { BadRequestError } from 'openai';
import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import { abortError, isAbortError } from './abort';
import { toModelError } from './openai-errors';
import type { ChatCompletionChunk, ChatModel, ChatModelRequest } from './types';

export type OpenAIModelOptions = { apiKey?: string; baseURL?: string; model: string };

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
			try {
				const stream = await open(request);
				for await (const chunk of stream) {
					yield chunk;
					if (signal.aborted) break;
				}
			} catch (error) {
				if (signal.aborted || isAbortError(error)) throw abortError(signal);
				throw toModelError(error, provider);
			}
			// The client ends the stream quietly when its signal aborts; the caller must still learn it was stopped.
			if (signal.aborted) throw abortError(signal);
		}
	};
}
