/**
 * The built-in offline assistant: a deterministic stand-in for a real model, with no network. It
 * reads the conversation like a model would and streams the same OpenAI-shaped chunks, so tool-call
 * assembly, tool execution, streaming and the UI run the same code path as with a real provider.
 */
import type { ChatCompletionChunk, ChatModel, ChatModelRequest } from '../types';
import { abortError } from '../abort';
import { composeAnswer } from './answer';
import { ChunkEmitter } from './chunks';
import { readCurrentTurn } from './conversation';
import { parseRequest } from './intent';

export { parseRequest, normalizeRequest, type OfflineIntent, type OfflineToolName } from './intent';
export { tokenize, OFFLINE_MODEL_NAME } from './chunks';

export type OfflineModelOptions = {
	/** Pause between streamed tokens, so answers stream like a real model's (0: no pause). */
	tokenDelayMs: number;
};

/** A rough token count of the request, for the usage chunk (about four characters a token). */
function estimatePromptTokens(request: ChatModelRequest): number {
	return Math.ceil(JSON.stringify(request.messages).length / 4);
}

/** Creates the offline assistant. First turn: a tool call (or a direct reply); after tool results: the answer. */
export function createOfflineModel(options: OfflineModelOptions): ChatModel {
	return {
		provider: 'offline',
		async *streamChat(request: ChatModelRequest): AsyncIterable<ChatCompletionChunk> {
			if (request.signal.aborted) throw abortError(request.signal);
			const emitter = new ChunkEmitter(options.tokenDelayMs, request.signal, estimatePromptTokens(request));
			const turn = readCurrentTurn(request.messages);
			if (turn.exchanges.length > 0) {
				yield* emitter.text(composeAnswer(turn.exchanges));
				return;
			}
			const intent = parseRequest(turn.userText);
			if (intent.kind === 'reply') {
				yield* emitter.text(intent.text);
				return;
			}
			// Like a real model, it calls only the tools it was offered.
			const offered = request.tools.some((tool) => tool.type === 'function' && tool.function.name === intent.name);
			if (offered) yield* emitter.toolCall(intent.name, intent.arguments);
			else yield* emitter.text(`That needs the ${intent.name} tool, which is not available here.`);
		}
	};
}
