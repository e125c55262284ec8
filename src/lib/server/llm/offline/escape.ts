/**
 * Names, titles and every other value from the chart or the user, made safe to put in a markdown
 * answer: they show as typed text, never as markup. The chat renders answers with marked (GFM) and
 * sanitizes the HTML, but a name like `<img src=x>` or `[x](y)` must not become an image or a link
 * in the first place.
 */

/** Markdown and HTML metacharacters; CommonMark lets a backslash make any ASCII punctuation literal. */
const ALWAYS = new Set(['\\', '`', '*', '_', '[', ']', '<', '>', '&', '|', '~', '#', '!', '{', '}', ':', '@']);
/** Characters that only mean something at the start of a line (lists, headings, setext rules). */
const AT_START = new Set(['-', '+', '=']);

/** The value as literal text in markdown: metacharacters escaped, line breaks made spaces, autolinks broken. */
export function text(value: string): string {
	let out = '';
	for (let index = 0; index < value.length; index++) {
		const character = value[index];
		if (character === '\r' || character === '\n') {
			out += ' ';
			continue;
		}
		const escaped =
			ALWAYS.has(character) ||
			(index === 0 && AT_START.has(character)) ||
			// GFM links "www.example.com" by itself; an escaped dot keeps it text.
			(character === '.' && /www$/i.test(value.slice(Math.max(0, index - 3), index)));
		out += escaped ? `\\${character}` : character;
	}
	// "1. Ann" or "1) Ann" at the start of a line would be an ordered list.
	return out.replace(/^(\d{1,9})([.)])/, '$1\\$2');
}

/** The value in bold, as literal text. */
export function bold(value: string): string {
	return `**${text(value)}**`;
}

/** The value in quotes, as literal text. */
export function quoted(value: string): string {
	return `"${text(value)}"`;
}
