/** Builders for OpenAI-format streamed chunks, shaped like gpt-4o's (see the provider recordings). */
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';

const COMMON = { id: 'chatcmpl-test', object: 'chat.completion.chunk' as const, created: 1727346178, model: 'test-model' };

type Delta = ChatCompletionChunk.Choice.Delta;

function chunk(delta: Delta, finishReason: ChatCompletionChunk.Choice['finish_reason'] = null): ChatCompletionChunk {
	return { ...COMMON, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] };
}

/** The opening chunk: the assistant role with empty content. */
export function roleChunk(): ChatCompletionChunk {
	return chunk({ role: 'assistant', content: '' });
}

/** The chunk that ends choice 0. */
export function finishChunk(reason: 'stop' | 'tool_calls' | 'length' | 'content_filter'): ChatCompletionChunk {
	return chunk({}, reason);
}

/** The trailing usage chunk sent with `stream_options.include_usage` (no choices). */
export function usageChunk(promptTokens: number, completionTokens: number): ChatCompletionChunk {
	return {
		...COMMON,
		choices: [],
		usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens }
	};
}

/** Splits text into `pieces` parts of about equal length, never inside a character. */
function splitText(text: string, pieces: number): string[] {
	const characters = Array.from(text);
	const size = Math.max(1, Math.ceil(characters.length / pieces));
	const parts: string[] = [];
	for (let start = 0; start < characters.length; start += size) parts.push(characters.slice(start, start + size).join(''));
	return parts;
}

/** A whole text answer: role, the text in pieces (default: word by word), finish, usage. */
export function textChunks(
	text: string,
	options: { pieces?: number; finishReason?: 'stop' | 'length' | 'content_filter'; usage?: boolean } = {}
): ChatCompletionChunk[] {
	const parts = options.pieces ? splitText(text, options.pieces) : (text.match(/\s*\S+|\s+/g) ?? []);
	const chunks = [roleChunk(), ...parts.map((part) => chunk({ content: part })), finishChunk(options.finishReason ?? 'stop')];
	if (options.usage !== false) chunks.push(usageChunk(20, parts.length));
	return chunks;
}

/** A tool-call turn: each call opens with its id and name, then its arguments in fragments of `fragmentSize` characters. */
export function toolCallChunks(
	calls: { id: string; name: string; arguments: string }[],
	options: { fragmentSize?: number; usage?: boolean } = {}
): ChatCompletionChunk[] {
	const fragmentSize = options.fragmentSize ?? 8;
	const chunks: ChatCompletionChunk[] = [chunk({ role: 'assistant', content: null })];
	calls.forEach((call, index) => {
		chunks.push(chunk({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] }));
		for (const fragment of splitText(call.arguments, Math.ceil(Array.from(call.arguments).length / fragmentSize))) {
			chunks.push(chunk({ tool_calls: [{ index, function: { arguments: fragment } }] }));
		}
	});
	chunks.push(finishChunk('tool_calls'));
	if (options.usage !== false) chunks.push(usageChunk(30, chunks.length));
	return chunks;
}
