/**
 * Emits OpenAI-shaped chunks the way real providers do: text token by token, a tool call's name in
 * its first delta and its JSON arguments in several fragments, then a finish chunk and a usage chunk.
 */
import { randomUUID } from 'node:crypto';
import { abortError } from '../abort';
import type { ChatCompletionChunk } from '../types';

export const OFFLINE_MODEL_NAME = 'organichart-offline';
const ARGUMENT_FRAGMENT_LENGTH = 12;

/** Splits text into word and punctuation tokens, each carrying its leading whitespace; joined, they are the text. */
export function tokenize(text: string): string[] {
	return text.match(/\s*[\p{L}\p{M}\p{N}_]+|\s*[^\s\p{L}\p{M}\p{N}_]|\s+/gu) ?? [];
}

/** Waits between tokens; a stop ends the wait at once with an AbortError. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
	if (signal.aborted) return Promise.reject(abortError(signal));
	if (ms <= 0) return Promise.resolve();
	return new Promise((resolve, reject) => {
		const onAbort = () => {
			clearTimeout(timer);
			reject(abortError(signal));
		};
		const timer = setTimeout(() => {
			signal.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		signal.addEventListener('abort', onAbort, { once: true });
	});
}

type Delta = ChatCompletionChunk.Choice.Delta;

/** Builds the chunks of one turn, sharing its id and timestamp. */
export class ChunkEmitter {
	private readonly id = `chatcmpl-offline-${randomUUID()}`;
	private readonly created = Math.floor(Date.now() / 1000);
	private completionTokens = 0;

	constructor(
		private readonly tokenDelayMs: number,
		private readonly signal: AbortSignal,
		private readonly promptTokens: number
	) {}

	private chunk(delta: Delta, finishReason: ChatCompletionChunk.Choice['finish_reason'] = null): ChatCompletionChunk {
		return {
			id: this.id,
			object: 'chat.completion.chunk',
			created: this.created,
			model: OFFLINE_MODEL_NAME,
			choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }]
		};
	}

	/** The text, one token per chunk, pausing between tokens. */
	async *text(text: string): AsyncGenerator<ChatCompletionChunk> {
		yield this.chunk({ role: 'assistant', content: '' });
		for (const token of tokenize(text)) {
			await pause(this.tokenDelayMs, this.signal);
			this.completionTokens++;
			yield this.chunk({ content: token });
		}
		yield* this.end('stop');
	}

	/** Tool calls in one turn, as parallel calls: each one's id and name first, then its arguments in fragments. */
	async *toolCalls(calls: { id: string; name: string; arguments: Record<string, unknown> }[]): AsyncGenerator<ChatCompletionChunk> {
		yield this.chunk({ role: 'assistant', content: null });
		for (const [index, call] of calls.entries()) {
			await pause(this.tokenDelayMs, this.signal);
			yield this.chunk({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] });
			const characters = Array.from(JSON.stringify(call.arguments));
			for (let start = 0; start < characters.length; start += ARGUMENT_FRAGMENT_LENGTH) {
				await pause(this.tokenDelayMs, this.signal);
				this.completionTokens++;
				const fragment = characters.slice(start, start + ARGUMENT_FRAGMENT_LENGTH).join('');
				yield this.chunk({ tool_calls: [{ index, function: { arguments: fragment } }] });
			}
		}
		yield* this.end('tool_calls');
	}

	private async *end(reason: 'stop' | 'tool_calls'): AsyncGenerator<ChatCompletionChunk> {
		if (this.signal.aborted) throw abortError(this.signal);
		yield this.chunk({}, reason);
		const usage = {
			prompt_tokens: this.promptTokens,
			completion_tokens: this.completionTokens,
			total_tokens: this.promptTokens + this.completionTokens
		};
		yield { id: this.id, object: 'chat.completion.chunk', created: this.created, model: OFFLINE_MODEL_NAME, choices: [], usage };
	}
}
