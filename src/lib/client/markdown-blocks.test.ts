import { describe, expect, it } from 'vitest';
import { MarkdownBlockSplitter, splitMarkdownBlocks } from './markdown-blocks';

/** Feeds text one character at a time, as the worst-case stream would. */
function streamByChar(text: string) {
	const splitter = new MarkdownBlockSplitter();
	const blocks: string[] = [];
	for (const char of text) blocks.push(...splitter.append(char));
	return { blocks, open: splitter.openBlock, rest: splitter.finish() };
}

describe('MarkdownBlockSplitter', () => {
	it('finishes a paragraph once the next one starts, and keeps the last one open', () => {
		const { blocks, open } = streamByChar('First paragraph.\n\nSecond one is still being wri');
		expect(blocks).toEqual(['First paragraph.']);
		expect(open).toBe('Second one is still being wri');
	});

	it('never splits inside a code fence, even at blank lines', () => {
		const text = 'Intro\n\n```js\nconst a = 1;\n\nconst b = 2;\n```\n\nAfter';
		expect(splitMarkdownBlocks(text)).toEqual(['Intro', '```js\nconst a = 1;\n\nconst b = 2;\n```', 'After']);
	});

	it('keeps an indented continuation with its list item', () => {
		const text = '1. Step one\n\n    more about step one\n2. Step two\n\nDone.';
		expect(splitMarkdownBlocks(text)).toEqual(['1. Step one\n\n    more about step one\n2. Step two', 'Done.']);
	});

	it('gives the same blocks whether streamed by character or split at once', () => {
		const text = '# Title\n\nSome **bold** text.\n\n- a\n- b\n\n| a | b |\n|---|---|\n| 1 | 2 |\n';
		const streamed = streamByChar(text);
		expect([...streamed.blocks, ...streamed.rest]).toEqual(splitMarkdownBlocks(text));
		expect(splitMarkdownBlocks(text)).toHaveLength(4);
	});
});
