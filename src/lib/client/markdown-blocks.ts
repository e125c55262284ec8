/**
 * Splits streaming markdown into finished blocks and the one block still being written, so a
 * renderer can render each finished block once and re-render only the open one (FIELD-NOTES
 * chat #10). Appending costs O(length of the delta), not O(length of the answer).
 */

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** Incremental splitter: feed deltas with `append`, take the rest with `finish`. */
export class MarkdownBlockSplitter {
	private open = '';
	/** Where, inside `open`, the first line not yet looked at starts. */
	private scanned = 0;
	private fence: string | null = null;
	private lastLineBlank = false;
	private hasContent = false;

	/** Adds streamed text; returns the blocks this delta finished (often none). */
	append(delta: string): string[] {
		this.open += delta;
		const finished: string[] = [];
		let end: number;
		while ((end = this.open.indexOf('\n', this.scanned)) !== -1) {
			const lineStart = this.scanned;
			this.scanned = end + 1;
			if (!this.startsNewBlock(this.open.slice(lineStart, end))) continue;
			const block = this.open.slice(0, lineStart).trimEnd();
			if (block) finished.push(block);
			this.open = this.open.slice(lineStart);
			this.scanned = end + 1 - lineStart;
		}
		// The first character of the next line is enough to know the previous block is over.
		const partial = this.open.charAt(this.scanned);
		if (!this.fence && this.lastLineBlank && this.hasContent && partial && !/\s/.test(partial)) {
			const block = this.open.slice(0, this.scanned).trimEnd();
			if (block) finished.push(block);
			this.open = this.open.slice(this.scanned);
			this.scanned = 0;
			this.lastLineBlank = false;
		}
		return finished;
	}

	/** The text of the block still open (may be empty). */
	get openBlock(): string {
		return this.open;
	}

	/** Ends the stream: returns the last block (if any) and resets. */
	finish(): string[] {
		// A final newline lets the last, unterminated line end the block before it.
		const finished = this.append('\n');
		const last = this.open.trimEnd();
		this.open = '';
		this.scanned = 0;
		this.fence = null;
		this.lastLineBlank = false;
		this.hasContent = false;
		return last ? [...finished, last] : finished;
	}

	/**
	 * A block ends at a blank line outside a code fence, but only once the next non-blank line
	 * starts at the margin: an indented line after a blank one continues a list item.
	 */
	private startsNewBlock(line: string): boolean {
		const fenceMatch = FENCE.exec(line);
		if (this.fence) {
			const closes = fenceMatch && fenceMatch[1][0] === this.fence[0] && fenceMatch[1].length >= this.fence.length;
			if (closes && line.trim() === fenceMatch[1]) this.fence = null;
			this.lastLineBlank = false;
			return false;
		}
		const blank = line.trim() === '';
		const cut = !blank && this.lastLineBlank && this.hasContent && !/^[ \t]/.test(line);
		if (fenceMatch) this.fence = fenceMatch[1];
		if (!blank) this.hasContent = true;
		this.lastLineBlank = blank;
		return cut;
	}
}

/** Splits a whole text at once (stored messages): every block, in order. */
export function splitMarkdownBlocks(text: string): string[] {
	const splitter = new MarkdownBlockSplitter();
	return [...splitter.append(text), ...splitter.finish()];
}
