/**
 * How a request names a person: a name or an id the tools resolve themselves, or a name with
 * something that tells namesakes apart ("Jane Smith (Engineer)", "the Jane Smith who is an
 * Engineer", "Jane Smith in Design", an email), which the assistant looks up first. Also the
 * picks from a list it offered ("the second one", "the one in Design").
 */
import { cleanPerson, looksLikeName, singularTitle } from './names';

/** A reference: `name` goes to the tool as written; `lookup` is searched for, then narrowed down by the qualifier. */
export type Reference =
	| { kind: 'name'; value: string }
	| { kind: 'lookup'; name: string | null; qualifier: string; byEmail: boolean; text: string };

/** A choice from a list: by position (0-based, -1 for the last) or by what sets it apart. */
export type Pick = { kind: 'position'; index: number } | { kind: 'qualifier'; qualifier: string };

const EMAIL = /^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/;
const ID = /^[0-9a-f][0-9a-f-]{7,}$/i;

/** True for text shaped like an email address. */
export function isEmail(value: string): boolean {
	return value.length <= 254 && EMAIL.test(value);
}

/** Stands for a person found earlier (a pronoun's referent), inside text the readers parse. */
export const PLACEHOLDER = /^\uE000(\d{1,3})\uE001$/;
export const placeholder = (index: number) => `\uE000${index}\uE001`;

/** Words that, after a name, start what sets that person apart. */
const QUALIFIER_STARTS: [words: string[], email: boolean][] = [
	[['who', 'is', 'an'], false],
	[['who', 'is', 'a'], false],
	[['who', 'is', 'the'], false],
	[['who', 'is', 'in'], false],
	[['who', 'is'], false],
	[["who's", 'an'], false],
	[["who's", 'a'], false],
	[["who's", 'in'], false],
	[["who's"], false],
	[['who', 'works', 'in'], false],
	[['who', 'works', 'as', 'an'], false],
	[['who', 'works', 'as', 'a'], false],
	[['who', 'works', 'as'], false],
	[['that', 'is', 'an'], false],
	[['that', 'is', 'a'], false],
	[['that', 'is', 'in'], false],
	[['working', 'in'], false],
	[['working', 'as', 'an'], false],
	[['working', 'as', 'a'], false],
	[['based', 'in'], false],
	[['in', 'the'], false],
	[['in'], false],
	[['from', 'the'], false],
	[['from'], false],
	[['at', 'the'], false],
	[['at'], false],
	[['with', 'the', 'email'], true],
	[['with', 'email'], true],
	[['whose', 'email', 'is'], true]
];

/** "Jane Smith" and the qualifier of "Jane Smith who is an Engineer" / "Jane Smith, the Engineer" / "Jane Smith (Engineer)". */
function splitQualified(text: string): { name: string; qualifier: string } | null {
	if (text.endsWith(')')) {
		const open = text.lastIndexOf(' (');
		if (open > 0) return { name: text.slice(0, open), qualifier: text.slice(open + 2, -1) };
	}
	const comma = text.indexOf(', ');
	if (comma > 0) {
		const after = text.slice(comma + 2).replace(/^(?:the|an?|our)\s+/i, '');
		return { name: text.slice(0, comma), qualifier: after };
	}
	// A name has at most six words, so only the first seven can start the qualifier.
	const words = text.split(' ');
	for (let start = 1; start <= Math.min(6, words.length - 1); start++) {
		for (const [starter] of QUALIFIER_STARTS) {
			if (starter.every((word, offset) => words[start + offset]?.toLowerCase() === word) && words.length > start + starter.length) {
				return { name: words.slice(0, start).join(' '), qualifier: words.slice(start + starter.length).join(' ') };
			}
		}
	}
	return null;
}

/** The reference a person phrase makes, or null when the phrase names nobody. */
export function readReference(raw: string): Reference | null {
	const text = cleanPerson(raw);
	if (text === '' || text.length > 200) return null;
	if (PLACEHOLDER.test(text) || ID.test(text)) return { kind: 'name', value: text };
	if (isEmail(text)) return { kind: 'lookup', name: null, qualifier: text, byEmail: true, text };
	const withoutArticle = text.replace(/^the\s+/i, '');
	const qualified = splitQualified(withoutArticle);
	if (qualified) {
		const name = cleanPerson(qualified.name);
		const qualifier = cleanPerson(qualified.qualifier.replace(/^(?:the|an?|our)\s+/i, '').replace(/^e-?mail\s+(?:address\s+)?/i, ''));
		if (looksLikeName(name) && qualifier !== '' && qualifier.length <= 120) {
			return { kind: 'lookup', name, qualifier, byEmail: isEmail(qualifier), text };
		}
	}
	return looksLikeName(text) ? { kind: 'name', value: text } : null;
}

const ORDINALS: Record<string, number> = {
	first: 0, second: 1, third: 2, fourth: 3, fifth: 4, sixth: 5, seventh: 6, eighth: 7, ninth: 8, tenth: 9,
	'1st': 0, '2nd': 1, '3rd': 2, '4th': 3, '5th': 4, '6th': 5, '7th': 6, '8th': 7, '9th': 8, '10th': 9,
	last: -1, latter: -1, former: 0, top: 0
};
const POSITION = /^(?:i\s+meant\s+|i\s+mean\s+)?(?:the\s+)?(?<word>[a-z0-9]+)(?:\s+(?:one|person|option|match|candidate|entry))?(?:\s+on\s+the\s+list)?$/i;
const NUMBERED = /^(?:i\s+meant\s+|i\s+mean\s+)?(?:number|no\.?|#|option)\s*(?<number>\d{1,2})$/i;
const BY_QUALIFIER = /^(?:i\s+meant\s+|i\s+mean\s+)?the\s+one\s+(?:who\s+is\s+|who's\s+|that\s+is\s+|who\s+works\s+|working\s+|based\s+|with\s+(?:the\s+)?(?:e-?mail(?:\s+address)?\s+)?|whose\s+e-?mail\s+is\s+)?(?:(?:in|at|from|as)\s+)?(?:the\s+|an?\s+)?(?<qualifier>.{1,120})$/i;
const QUALIFIER_ONE = /^(?:i\s+meant\s+|i\s+mean\s+)?the\s+(?<qualifier>\S+(?:\s+\S+){0,4})\s+one$/i;

/** A pick from an offered list ("the second one", "#2", "the one in Design", "the Engineer one"), or null. */
export function readPick(raw: string): Pick | null {
	const text = cleanPerson(raw);
	const numbered = NUMBERED.exec(text)?.groups?.number;
	if (numbered) return { kind: 'position', index: Number(numbered) - 1 };
	const word = POSITION.exec(text)?.groups?.word?.toLowerCase();
	if (word !== undefined) {
		if (word in ORDINALS) return { kind: 'position', index: ORDINALS[word] };
		if (/^\d{1,2}$/.test(word) && text.replace(/^the\s+/i, '') !== word) return { kind: 'position', index: Number(word) - 1 };
	}
	const qualifier = BY_QUALIFIER.exec(text)?.groups?.qualifier ?? QUALIFIER_ONE.exec(text)?.groups?.qualifier;
	return qualifier ? { kind: 'qualifier', qualifier: qualifier.replace(/^(?:the|an?)\s+/i, '') } : null;
}

const QUESTION_START = /^(?:who|whom|whose|what|which|when|where|why|how|does|do|did|is|are|can|could|should)\b/i;

/** True when a captured phrase can be a person: a name, an id, a qualified name, a pick or a stand-in. */
export function isPersonPhrase(raw: string): boolean {
	const text = cleanPerson(raw);
	if (QUESTION_START.test(text)) return false;
	return readReference(text) !== null || readPick(text) !== null;
}

/** Loose form for comparing values: lower case, no accents, single spaces. */
export function loose(value: string): string {
	return value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[’']/g, '').replace(/\s+/g, ' ').trim();
}

type Described = { title: string; department: string | null; location: string | null; email: string | null };

/** How well a qualifier describes a person: 3 a field equal to it, 2 its words whole in a field, 1 as word starts, 0 not at all. */
export function qualifierScore(person: Described, qualifier: string): number {
	const wanted = loose(qualifier);
	if (wanted === '') return 0;
	const fields = [person.title, person.department, person.location, person.email].filter((value): value is string => Boolean(value)).map(loose);
	const singular = loose(singularTitle(qualifier));
	if (fields.some((field) => field === wanted || field === singular)) return 3;
	const words = fields.flatMap((field) => field.split(/[\s,/@.()-]+/));
	const parts = singular.split(' ');
	if (parts.every((part) => words.includes(part))) return 2;
	return parts.every((part) => words.some((word) => word.startsWith(part))) ? 1 : 0;
}

/** True when a person's name is what the request called them ("Jane", "jane smith", "Smith"). */
export function nameMatches(personName: string, name: string): boolean {
	const have = loose(personName).replace(/-/g, ' ').split(' ');
	const want = loose(name).replace(/-/g, ' ').split(' ');
	return want.every((part) => have.some((word) => word.startsWith(part)));
}
