/** Initials and a stable colour for people without a photo. */

/** Dark enough for white initials to read (WCAG AA, at least 4.5:1). */
const PALETTE = ['#4338ca', '#0e7490', '#047857', '#b45309', '#be185d', '#6d28d9', '#1d4ed8', '#b91c1c', '#0f766e', '#7e22ce'];

/** Up to two initials: first and last word ("Jane van Smith" → "JS"). */
export function initialsOf(name: string): string {
	const words = name.trim().split(/\s+/).filter(Boolean);
	if (words.length === 0) return '?';
	const first = [...words[0]][0] ?? '';
	const last = words.length > 1 ? ([...words[words.length - 1]][0] ?? '') : '';
	return (first + last).toUpperCase();
}

/** The same colour for the same name on every load. */
export function colourFor(name: string): string {
	let hash = 0;
	for (const char of name) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
	return PALETTE[hash % PALETTE.length];
}
