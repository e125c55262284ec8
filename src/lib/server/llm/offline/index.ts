/**
 * The built-in offline assistant: a deterministic stand-in for a real model, with no network. It
 * reads the conversation like a model would and streams the same OpenAI-shaped chunks, so tool-call
 * assembly, tool execution, streaming and the UI run the same code path as with a real provider.
 */
import type { ChatCompletionChunk, ChatModel, ChatModelRequest } from '../types';
import { abortError } from '../abort';
import { ChunkEmitter } from './chunks';
import { contextAfter } from './context';
import { readTurns, todayOf } from './conversation';
import { readMessage } from './intent';
import { actionsOf } from './intent-types';
import { nextStep } from './plan';
import { OfferedTools } from './replay';

export { parseRequest, readMessage, normalizeRequest, type OfflineIntent, type OfflineToolName } from './intent';
export { tokenize, OFFLINE_MODEL_NAME } from './chunks';

export type OfflineModelOptions = {
	/** Pause between streamed tokens, so answers stream like a real model's (0: no pause). */
	tokenDelayMs: number;
};

/** A rough token count of the request, for the usage chunk (about four characters a token). */
function estimatePromptTokens(request: ChatModelRequest): number {
	return Math.ceil(JSON.stringify(request.messages).length / 4);
}

/**
 * Creates the offline assistant. Each turn it reads the latest message in its conversation, runs
 * the requests it makes over the tool results so far, and either asks for the next tool calls or
 * writes the answer.
 */
export function createOfflineModel(options: OfflineModelOptions): ChatModel {
	return {
		provider: 'offline',
		async *streamChat(request: ChatModelRequest): AsyncIterable<ChatCompletionChunk> {
			if (request.signal.aborted) throw abortError(request.signal);
			const emitter = new ChunkEmitter(options.tokenDelayMs, request.signal, estimatePromptTokens(request));
			const tools = new OfferedTools(request.tools);
			const turns = readTurns(request.messages);
			const current = turns.at(-1) ?? { userText: '', exchanges: [] };
			const context = contextAfter(turns.slice(0, -1), todayOf(request.messages), tools);
			const intent = readMessage(current.userText, context);
			if (intent.kind === 'reply') {
				yield* emitter.text(intent.text);
				return;
			}
			const step = nextStep(actionsOf(intent), current.exchanges, tools);
			if (step.kind === 'calls') yield* emitter.toolCalls(step.calls);
			else yield* emitter.text(step.text);
		}
	};
}
