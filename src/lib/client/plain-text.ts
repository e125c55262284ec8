/** Markdown as a screen reader should hear it: the words, without the marks around them. */
export function markdownToSpeech(markdown: string): string {
	return markdown
		.replace(/```[\s\S]*?```/g, ' (code) ')
		.replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)/gm, '')
		.replace(/(\*\*|__|\*|_|`|~~)/g, '')
		.replace(/\|/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
}
