/**
 * Matching what people type ("jane", "Jose", "siobhan o’brien") against the names in the chart.
 * Pure functions: resolve.ts feeds them the people SQL narrowed the organization down to.
 */

const CURLY_APOSTROPHES = /[\u2018\u2019\u02bc\u0060\u00b4]/g;
const DASHES = /[\u2010\u2011\u2012\u2013\u2014]/g;

/** Lowercase, without accents, with straight apostrophes and single spaces; hyphens kept. */
export function normalizeName(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.replace(CURLY_APOSTROPHES, "'")
		.replace(DASHES, '-')
		.toLowerCase()
		.replace(/\s+/g, ' ')
		.trim();
}

/** Like normalizeName, and also blind to apostrophes and hyphens ("OBrien" = "O'Brien", "Anne Marie" = "Anne-Marie"). */
export function looseName(text: string): string {
	return normalizeName(text).replace(/'/g, '').replace(/-/g, ' ').replace(/\s+/g, ' ').trim();
}

export type NameMatch<T> =
	| { kind: 'unique'; person: T }
	| { kind: 'ambiguous'; candidates: T[] }
	| { kind: 'none'; suggestions: T[] };

type Keys = { exact: string; loose: string; tokens: string[]; looseTokens: string[] };

const keysOf = (text: string): Keys => {
	const exact = normalizeName(text);
	const loose = looseName(text);
	return { exact, loose, tokens: exact.split(' '), looseTokens: loose.split(' ') };
};

/**
 * Stages from strict to lenient; the first stage that matches anyone decides, so a full name
 * wins over a first name, and a first name over a fragment.
 */
const stages: ((name: Keys, query: Keys) => boolean)[] = [
	(name, query) => name.exact === query.exact,
	(name, query) => name.loose === query.loose,
	(name, query) => {
		const first = name.tokens[0];
		const last = name.tokens[name.tokens.length - 1];
		return [first, last].some((token) => token === query.exact || looseName(token) === query.loose);
	},
	(name, query) =>
		name.loose.startsWith(query.loose) ||
		query.looseTokens.every((part) => name.looseTokens.some((token) => token.startsWith(part))),
	(name, query) => name.loose.includes(query.loose)
];

/** Finds the one person a name refers to, or the candidates when it could be several. */
export function matchByName<T extends { name: string }>(people: T[], ref: string): NameMatch<T> {
	const query = keysOf(ref);
	if (!query.loose) return { kind: 'none', suggestions: [] };
	const keyed = people.map((person) => ({ person, keys: keysOf(person.name) }));
	for (const stage of stages) {
		const found = keyed.filter(({ keys }) => stage(keys, query)).map(({ person }) => person);
		if (found.length === 1) return { kind: 'unique', person: found[0] };
		if (found.length > 1) return { kind: 'ambiguous', candidates: found };
	}
	return { kind: 'none', suggestions: closeNames(keyed, query) };
}

/** How many typos a "did you mean" may forgive in a folded query this long (none below four letters). */
export const suggestionDistance = (length: number): number => (length >= 8 ? 2 : length >= 4 ? 1 : 0);

/** People whose name, or one word of it, is a typo or two away from the query. */
function closeNames<T>(keyed: { person: T; keys: Keys }[], query: Keys): T[] {
	const allowed = suggestionDistance;
	return keyed
		.map(({ person, keys }) => {
			const distances = [keys.loose, ...keys.looseTokens].map((key) => editDistance(key, query.loose));
			return { person, distance: Math.min(...distances) };
		})
		.filter(({ distance }) => distance > 0 && distance <= allowed(query.loose.length))
		.sort((a, b) => a.distance - b.distance)
		.slice(0, 5)
		.map(({ person }) => person);
}

/** Edit distance where swapping two neighbouring letters counts as one edit, for "did you mean". */
export function editDistance(a: string, b: string): number {
	const rows = Array.from({ length: a.length + 1 }, (_, i) =>
		Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0))
	);
	for (let i = 1; i <= a.length; i++) {
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
				rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
			}
		}
	}
	return rows[a.length][b.length];
}
