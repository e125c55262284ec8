/** Cleaning what a request names: people (accents, hyphens, apostrophes kept whole), titles, departments. */

/** Curly quotes become straight ones, so "O’Brien" and "O'Brien" read (and resolve) the same. */
export function normalizeQuotes(text: string): string {
	return text.replace(/[’‘ʼ`´]/g, "'").replace(/[“”„]/g, '"');
}

/** A possessive ending: "Jane's", or "James'" (after an s). Never inside a name like "O'Brien". */
export const POSSESSIVE = "(?:'s|(?<=s)')";

/**
 * Characters trimmed off either end of a text, one at a time. A loop, not `[…]+$`: an unanchored
 * pattern ending in `+$` is retried from every position of a long run, which is quadratic.
 */
export function trimEndWhere(text: string, trimmed: RegExp): string {
	let end = text.length;
	while (end > 0 && trimmed.test(text[end - 1])) end--;
	return text.slice(0, end);
}

/** Separators and quotes that never belong at either end of a name, title or value. */
const LOOSE_START = /[\s"',:;-]/;
const LOOSE_END = /[\s"',.:;!?-]/;
/** Brackets taken off only as a pair, so "Engineer (Platform)" and "<b>" keep theirs. */
const BRACKETS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/** Quotes, separators and enclosing brackets around a phrase taken off; nothing inside it changes. */
export function stripWrapping(text: string): string {
	let start = 0;
	let end = text.length;
	for (;;) {
		while (start < end && LOOSE_START.test(text[start])) start++;
		while (end > start && LOOSE_END.test(text[end - 1])) end--;
		if (end - start >= 2 && BRACKETS[text[start]] === text[end - 1]) {
			start++;
			end--;
			continue;
		}
		return text.slice(start, end);
	}
}

/** Removes a possessive suffix only at the end ("Siobhán O'Brien's" → "Siobhán O'Brien"). */
export function stripPossessive(name: string): string {
	return name.replace(/'s$/i, '').replace(/(?<=s)'$/i, '');
}

/** A person's name or id as the user wrote it, without quotes, courtesy words or a possessive. */
export function cleanPerson(raw: string): string {
	let name = stripWrapping(raw).trim();
	name = name.replace(/^(?:the\s+)?(?:person|employee|user|colleague|someone)\s+(?:named|called)\s+/i, '');
	name = name.replace(/^(?:named|called)\s+/i, '');
	return stripPossessive(stripWrapping(name).trim()).trim();
}

/** Words that name nobody by themselves: the offline assistant cannot tell who they mean. */
const PRONOUNS = new Set(['he', 'she', 'they', 'him', 'her', 'them', 'his', 'hers', 'their', 'theirs', 'me', 'i', 'my', 'mine', 'myself', 'you', 'your', 'it', 'this person', 'that person', 'someone', 'somebody', 'anyone']);

/** True when the "name" is a pronoun or blank rather than a person. */
export function isPronoun(name: string): boolean {
	return name === '' || PRONOUNS.has(name.toLowerCase());
}

const ACRONYMS = new Set(['ux', 'ui', 'qa', 'vp', 'svp', 'evp', 'avp', 'ceo', 'cto', 'cfo', 'coo', 'cio', 'ciso', 'cmo', 'cpo', 'hr', 'it', 'ai', 'ml', 'sre', 'pm', 'seo', 'bi', 'r&d', 'gtm', 'api', 'ops']);
const SPECIAL_CASE: Record<string, string> = { ios: 'iOS', devops: 'DevOps', frontend: 'Frontend', backend: 'Backend' };
const MINOR_WORDS = new Set(['of', 'and', 'the', 'for', 'to', 'in', 'at', 'on', 'a', 'an', '&']);

/** A word of letters, digits and the joiners job titles use; anything else is not re-cased. */
const PLAIN_WORD = /^[\p{L}\p{M}\p{N}'.&/-]+$/u;

/** Title case for job titles and departments: "senior software engineer" → "Senior Software Engineer", "vp of sales" → "VP of Sales". */
export function titleCase(text: string): string {
	const words = text.trim().split(/\s+/);
	return words
		.map((word, position) => {
			if (word !== word.toLowerCase()) return word; // the user chose the capitals ("iOS", "McKinsey")
			if (!PLAIN_WORD.test(word)) return word; // markup, code, symbols: kept exactly as typed
			if (ACRONYMS.has(word)) return word.toUpperCase();
			if (SPECIAL_CASE[word]) return SPECIAL_CASE[word];
			if (position > 0 && MINOR_WORDS.has(word)) return word;
			return word.replace(/(^|[-/])(\p{L})/gu, (_match, before: string, letter: string) => before + letter.toUpperCase());
		})
		.join(' ');
}

/** A job title as the user wrote it, without the article ("a developer" → "Developer"). */
export function cleanTitle(raw: string): string {
	const title = stripWrapping(raw).replace(/^(?:an?|the|our|new|a\s+new|our\s+new)\s+/i, '').trim();
	return titleCase(title);
}

/** A free-text value (department, location): trimmed, and title-cased only when typed all in lower case. */
export function cleanValue(raw: string): string {
	const value = stripWrapping(raw).replace(/^the\s+/i, '').trim();
	return value === value.toLowerCase() ? titleCase(value) : value;
}

/** Titles are stored spelled out, so a search for "CTO" would otherwise match "Director". */
const SPELLED_OUT: Record<string, string> = {
	ceo: 'Chief Executive Officer',
	cto: 'Chief Technology Officer',
	cfo: 'Chief Financial Officer',
	coo: 'Chief Operating Officer',
	cmo: 'Chief Marketing Officer',
	cpo: 'Chief Product Officer',
	cio: 'Chief Information Officer'
};

/** A search term: a plural role becomes singular ("designers" → "designer") so it matches titles. */
export function searchTerm(raw: string): string {
	const term = stripWrapping(raw).replace(/^(?:the|all|every|our)\s+/i, '').trim();
	const words = term.split(/\s+/);
	const last = words.at(-1) ?? '';
	if (/^(?:[a-z][\p{L}-]*[^s]|[A-Z]{2,})s$/u.test(last)) words[words.length - 1] = last.slice(0, -1);
	const singular = words.join(' ');
	return SPELLED_OUT[singular.toLowerCase()] ?? singular;
}

const NOT_NAME_STARTS = new Set(['a', 'an', 'the', 'some', 'my', 'your', 'our', 'this', 'that', 'me', 'us', 'it', 'all', 'every', 'any']);

/** True for up to six words of letters (with accents, hyphens, apostrophes, dots), not starting with an article. */
export function looksLikeName(text: string): boolean {
	if (!/^[\p{L}\p{M}][\p{L}\p{M}\p{N}'.-]*(?:\s+[\p{L}\p{M}\p{N}'.-]+){0,5}$/u.test(text)) return false;
	return !NOT_NAME_STARTS.has(text.split(/\s+/)[0].toLowerCase());
}

/** A new person's name: capitalised when typed all in lower case ("john doe" → "John Doe"). */
export function newPersonName(name: string): string {
	if (name !== name.toLowerCase()) return name;
	return name.replace(/(^|[\s'-])(\p{L})/gu, (_match, before: string, letter: string) => before + letter.toUpperCase());
}

/** Words that end in "s" without being plural. */
const NOT_PLURAL = new Set(['sales', 'operations', 'ops', 'analytics', 'relations', 'communications', 'logistics', 'services', 'systems', 'affairs', 'payments', 'business', 'success', 'access', 'process', 'status', 'news', 'economics', 'physics', 'devops', 'its', 'us', 'ios', 'aws', 'gis', 'cms', 'ads', 'events', 'partnerships', 'facilities', 'benefits', 'rewards', 'insights', 'apps', 'solutions', 'markets', 'platforms', 'products', 'programs', 'projects', 'people']);

function singularWord(word: string): string {
	const lower = word.toLowerCase();
	if (lower.length < 3 || NOT_PLURAL.has(lower)) return word;
	if (/^[A-Z]{2,}s$/.test(word)) return word.slice(0, -1); // "SREs", "VPs"
	if (/[^aeiou]ies$/i.test(word)) return `${word.slice(0, -3)}${word.at(-1) === 'S' ? 'Y' : 'y'}`;
	if (/(?:ches|shes|sses|xes|zes)$/i.test(word)) return word.slice(0, -2);
	if (/[^su]s$/i.test(word) && !/is$/i.test(word)) return word.slice(0, -1);
	return word;
}

/** One person's title from a title said of several: "Software Engineers" → "Software Engineer", "Heads of Design" → "Head of Design". */
export function singularTitle(title: string): string {
	const words = title.split(' ');
	const of = words.findIndex((word, position) => position > 0 && /^(?:of|for|to|in)$/i.test(word));
	const head = of > 0 ? of - 1 : words.length - 1;
	words[head] = singularWord(words[head]);
	return words.join(' ');
}
