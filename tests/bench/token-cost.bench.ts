// @vitest-environment jsdom
/**
 * The cost of applying one streamed token in the chat store, for a short and a long answer, with a
 * short and a long history. Each group reports the ratio to its baseline (the short case) measured
 * in the same run: near 1× means the cost does not grow with the answer or the history. The last
 * group shows the guide's approach (rebuild the history array, re-render all markdown per token)
 * for contrast.
 */
import { marked } from 'marked';
import { bench, describe } from 'vitest';
import { renderMarkdown } from '../../src/lib/client/markdown-render';
import { ChatMessage, TextPart } from '../../src/lib/stores/chat-message.svelte';
import { applyStreamEvent } from '../../src/lib/stores/stream-reducer';

const paragraph = 'Jane Smith manages the **platform** team; her reports are listed below with their titles and start dates. ';
/** Tokens as an answer streams them: words, and a paragraph break every 30 tokens. */
let tokenCount = 0;
const nextToken = () => ({ type: 'delta' as const, content: { content: ++tokenCount % 30 === 0 ? '\n\n' : 'word ' } });
/** The bench's smoke mode (npm test) only proves it runs: a few iterations each. */
const options = process.env.ORGANICHART_BENCH_SMOKE ? { time: 20, warmupTime: 0, iterations: 5 } : { time: 1000, warmupTime: 200 };

/** An assistant message that has already streamed `paragraphs` paragraphs. */
function streamedAnswer(paragraphs: number): ChatMessage {
	const message = new ChatMessage('assistant', 'a');
	for (let index = 0; index < paragraphs; index++) applyStreamEvent(message, { type: 'delta', content: { content: `${paragraph}\n\n` } });
	return message;
}

/** Applies one token and renders what the screen would re-render for it: the open block only. */
function applyToken(message: ChatMessage): void {
	applyStreamEvent(message, nextToken());
	const part = message.parts.at(-1);
	if (part instanceof TextPart) renderMarkdown(part.open, false);
}

const history = (length: number) => Array.from({ length }, (_, index) => streamedAnswer(index % 3));

describe('one token, by answer length', () => {
	const short = streamedAnswer(1);
	const long = streamedAnswer(200);
	bench('answer of 1 paragraph (baseline)', () => applyToken(short), options);
	bench('answer of 200 paragraphs', () => applyToken(long), options);
});

describe('one token, by history length', () => {
	const small = [...history(2), streamedAnswer(1)];
	const large = [...history(400), streamedAnswer(1)];
	bench('history of 3 messages (baseline)', () => applyToken(small.at(-1)!), options);
	bench('history of 401 messages', () => applyToken(large.at(-1)!), options);
});

describe("the guide's approach, for contrast: whole history rebuilt and all markdown re-rendered per token", () => {
	let shortText = paragraph;
	let longText = `${paragraph}\n\n`.repeat(200);
	const messages = history(50).map((message) => ({ id: message.id, content: message.content }));
	bench('answer of 1 paragraph (baseline)', () => {
		shortText += 'word ';
		messages.map((message) => ({ ...message }));
		marked.parse(shortText, { async: false });
	}, options);
	bench('answer of 200 paragraphs', () => {
		longText += 'word ';
		messages.map((message) => ({ ...message }));
		marked.parse(longText, { async: false });
	}, options);
});
