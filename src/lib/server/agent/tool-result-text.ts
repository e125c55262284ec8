/**
 * Tool results as the model reads them: JSON, bounded in size so one broad query cannot flood the
 * model's context. Lists are cut first (the result stays valid JSON with `truncated: true` and a
 * note saying what was left out); anything still too long is cut as text, inside valid JSON.
 */

/** Most characters of one tool result sent to the model. */
export const MAX_TOOL_RESULT_CHARS = 16_000;

type Container = Record<string, unknown>;
type ListAt = { owner: Container; key: string; path: string; total: number };

/** The JSON text of `value` for the model, at most `limit` characters. */
export function toolResultText(value: unknown, limit = MAX_TOOL_RESULT_CHARS): string {
	const full = JSON.stringify(value) ?? 'null';
	if (full.length <= limit) return full;
	const copy: unknown = JSON.parse(full);
	if (isContainer(copy)) {
		const shortened = shortenLists(copy, limit);
		if (shortened) return shortened;
	}
	return cutText(full, limit);
}

function isContainer(value: unknown): value is Container {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every list in the object (not inside other lists), with where it sits. */
function listsIn(owner: Container, prefix = ''): ListAt[] {
	const found: ListAt[] = [];
	for (const [key, value] of Object.entries(owner)) {
		const path = prefix ? `${prefix}.${key}` : key;
		if (Array.isArray(value)) found.push({ owner, key, path, total: value.length });
		else if (isContainer(value)) found.push(...listsIn(value, path));
	}
	return found;
}

/** Cuts the longest lists until the result fits; undefined when even empty lists do not fit. */
function shortenLists(result: Container, limit: number): string | undefined {
	const lists = listsIn(result).sort((a, b) => JSON.stringify(b.owner[b.key]).length - JSON.stringify(a.owner[a.key]).length);
	const originals = new Map(lists.map((list) => [list, list.owner[list.key] as unknown[]]));
	const render = () => {
		const cut = lists.filter((list) => (list.owner[list.key] as unknown[]).length < list.total);
		const parts = cut.map((list) => `${list.path}: ${(list.owner[list.key] as unknown[]).length} of ${list.total}`);
		const note = `This result was too long and was truncated (${parts.join('; ')} items shown). Totals above are complete; ask a narrower question to see the rest.`;
		return JSON.stringify({ truncated: true, note, ...result });
	};
	for (const list of lists) {
		const items = originals.get(list) as unknown[];
		// The most items of this list that fit, with the lists after it still whole.
		let low = 0;
		let high = items.length;
		while (low < high) {
			const middle = Math.ceil((low + high) / 2);
			list.owner[list.key] = items.slice(0, middle);
			if (render().length <= limit) low = middle;
			else high = middle - 1;
		}
		list.owner[list.key] = items.slice(0, low);
		const text = render();
		if (text.length <= limit) return text;
	}
	return undefined;
}

/** The first part of the text, inside valid JSON, with a note. */
function cutText(full: string, limit: number): string {
	const note = `This result was too long and was truncated: only its first part is shown, as text. It had ${full.length} characters.`;
	let keep = limit - note.length - 64;
	for (;;) {
		const text = JSON.stringify({ truncated: true, note, partial: full.slice(0, Math.max(0, keep)) });
		if (text.length <= limit || keep <= 0) return text;
		keep -= text.length - limit;
	}
}
