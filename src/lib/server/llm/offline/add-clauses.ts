/**
 * Splits the part of an "add" request after its verb into the names and the clauses that give the
 * new person's fields: "Anna Kowalski and Ben Ortiz | as Software Engineers | under Jane Smith |
 * with email … | based in Berlin | starting March 1". One pass over the words, each looked at a
 * fixed number of times, so any input is read in linear time.
 */

export type ClauseKey = 'title' | 'manager' | 'department' | 'location' | 'email' | 'start';

/** How a clause's words decide what it is: `place` (in/on…) is a department unless it names a team or an office. */
type Kind = ClauseKey | 'place' | 'team' | 'office' | 'from';

type Keyword = [words: string[], kind: Kind];

const KEYWORDS: Keyword[] = [
	[['as'], 'title'],
	[['under'], 'manager'],
	[['below'], 'manager'],
	[['beneath'], 'manager'],
	[['reporting', 'directly', 'to'], 'manager'],
	[['reporting', 'to'], 'manager'],
	[['reports', 'directly', 'to'], 'manager'],
	[['reports', 'to'], 'manager'],
	[['report', 'to'], 'manager'],
	[['will', 'report', 'to'], 'manager'],
	[['who', 'reports', 'to'], 'manager'],
	[['who', 'will', 'report', 'to'], 'manager'],
	[['that', 'reports', 'to'], 'manager'],
	[['working', 'for'], 'manager'],
	[['working', 'under'], 'manager'],
	[['managed', 'by'], 'manager'],
	[['based', 'in'], 'location'],
	[['based', 'at'], 'location'],
	[['based', 'out', 'of'], 'location'],
	[['who', 'is', 'based', 'in'], 'location'],
	[['located', 'in'], 'location'],
	[['located', 'at'], 'location'],
	[['working', 'in'], 'location'],
	[['working', 'from'], 'location'],
	[['working', 'out', 'of'], 'location'],
	[['sitting', 'in'], 'location'],
	[['with', 'an', 'email', 'address', 'of'], 'email'],
	[['with', 'an', 'email', 'of'], 'email'],
	[['with', 'email', 'address'], 'email'],
	[['with', 'the', 'email', 'address'], 'email'],
	[['with', 'the', 'email'], 'email'],
	[['with', 'an', 'email'], 'email'],
	[['with', 'email'], 'email'],
	[['with', 'e-mail'], 'email'],
	[['whose', 'email', 'is'], 'email'],
	[['email', 'address'], 'email'],
	[['email', 'is'], 'email'],
	[['email:'], 'email'],
	[['email'], 'email'],
	[['e-mail'], 'email'],
	[['starting', 'on'], 'start'],
	[['starting'], 'start'],
	[['who', 'starts', 'on'], 'start'],
	[['who', 'starts'], 'start'],
	[['starts', 'on'], 'start'],
	[['starts'], 'start'],
	[['start', 'date', 'of'], 'start'],
	[['start', 'date:'], 'start'],
	[['start', 'date'], 'start'],
	[['with', 'a', 'start', 'date', 'of'], 'start'],
	[['joining', 'on'], 'start'],
	[['beginning'], 'start'],
	[['in'], 'place'],
	[['on'], 'place'],
	[['into'], 'place'],
	[['joining'], 'place'],
	[['to'], 'team'],
	[['for'], 'team'],
	[['at'], 'office'],
	[['out', 'of'], 'office'],
	[['from'], 'from']
].sort((a, b) => b[0].length - a[0].length) as Keyword[];

const SEPARATORS = new Set([',', 'and', ';']);
const TEAM_WORDS = new Set(['team', 'org', 'organization', 'organisation', 'group', 'department', 'dept']);
const DEPARTMENT_WORDS = new Set(['department', 'dept', 'team', 'group']);

/** Words, with commas and semicolons as words of their own. */
export function wordsOf(text: string): string[] {
	const words: string[] = [];
	for (const piece of text.split(' ')) {
		if (piece === '') continue;
		const separator = piece.length > 1 && (piece.endsWith(',') || piece.endsWith(';')) ? piece.at(-1)! : '';
		const word = separator ? piece.slice(0, -1) : piece;
		if (word) words.push(word);
		if (separator) words.push(separator);
	}
	return words;
}

/** Words joined back into text, commas attached to the word before. */
export function joinWords(words: string[]): string {
	let text = '';
	for (const word of words) text += word === ',' || word === ';' ? word : text === '' ? word : ` ${word}`;
	return text.replace(/^[,;\s]+|[,;\s]+$/g, '');
}

function keywordAt(words: string[], at: number): Keyword | undefined {
	return KEYWORDS.find(([keyword]) => keyword.every((word, offset) => words[at + offset]?.toLowerCase() === word));
}

type Candidate = { from: number; at: number; skip: number; kind: Kind };

function possessiveOwner(value: string[]): string | null {
	if (value.length < 2 || !TEAM_WORDS.has(value.at(-1)!.toLowerCase())) return null;
	const owner = value.at(-2)!;
	if (!/(?:'s|s')$/i.test(owner)) return null;
	return joinWords([...value.slice(0, -2), owner.replace(/'s$/i, '').replace(/'$/, '')]);
}

const EMAIL_TOKEN = /^[<(]?[\w.+-]+@[\w-]+(?:\.[\w-]+)+[>)]?$/;

export type AddParts = { head: string; clauses: { key: ClauseKey; value: string; words: string[] }[] };

/**
 * The head (names, or "name, title") and the clauses in order. A comma or "and" before a clause
 * word is a separator; "to"/"for" start a clause only for someone's team ("to Jane's team"), and
 * "at"/"from" only for an office or a date, otherwise they belong to the words before.
 */
export function splitAddClauses(text: string, isDate: (phrase: string) => boolean): AddParts {
	const words = wordsOf(text);
	const candidates: Candidate[] = [];
	for (let at = 0; at < words.length; at++) {
		const word = words[at].toLowerCase();
		if (EMAIL_TOKEN.test(words[at])) {
			const before = candidates.at(-1);
			// An address right after "with email" is that clause's value, not a clause of its own.
			if (!(before?.kind === 'email' && before.at + before.skip === at)) candidates.push({ from: at, at, skip: 0, kind: 'email' });
			continue;
		}
		if (SEPARATORS.has(word)) {
			let next = at + 1;
			if (words[next]?.toLowerCase() === 'and') next++;
			const keyword = next < words.length ? keywordAt(words, next) : undefined;
			if (keyword && (keyword[1] !== 'title' || at > 0)) {
				candidates.push({ from: at, at: next, skip: keyword[0].length, kind: keyword[1] });
				at = next + keyword[0].length - 1;
			}
			continue;
		}
		const keyword = at > 0 ? keywordAt(words, at) : undefined;
		if (keyword) {
			candidates.push({ from: at, at, skip: keyword[0].length, kind: keyword[1] });
			at += keyword[0].length - 1;
		}
	}
	// Right to left, so each clause's words run to the next clause that stays one.
	const kept: { key: ClauseKey; from: number; words: string[]; value: string }[] = [];
	let end = words.length;
	for (let index = candidates.length - 1; index >= 0; index--) {
		const candidate = candidates[index];
		const value = candidate.kind === 'email' && candidate.skip === 0 ? [words[candidate.at]] : words.slice(candidate.at + candidate.skip, end);
		const decided = decide(candidate.kind, value, isDate);
		if (!decided) continue;
		if (candidate.kind === 'email' && candidate.skip === 0 && candidate.at + 1 < end) {
			// Words after a bare address belong to the clause before it.
			continue;
		}
		kept.unshift({ key: decided.key, from: candidate.from, words: value, value: decided.value });
		end = candidate.from;
	}
	return { head: joinWords(words.slice(0, end)), clauses: kept.map(({ key, value, words: clauseWords }) => ({ key, value, words: clauseWords })) };
}

function decide(kind: Kind, value: string[], isDate: (phrase: string) => boolean): { key: ClauseKey; value: string } | null {
	if (value.length === 0) return null;
	const text = joinWords(value);
	const owner = possessiveOwner(value);
	switch (kind) {
		case 'team':
			return owner ? { key: 'manager', value: owner } : null;
		case 'place': {
			if (owner) return { key: 'manager', value: owner };
			if (value.at(-1)!.toLowerCase() === 'office') return { key: 'location', value: joinWords(value.slice(0, -1)) };
			if (isDate(text)) return { key: 'start', value: text };
			const last = value.at(-1)!.toLowerCase();
			return { key: 'department', value: joinWords(value.length > 1 && DEPARTMENT_WORDS.has(last) ? value.slice(0, -1) : value) };
		}
		case 'office':
			return value.at(-1)!.toLowerCase() === 'office' ? { key: 'location', value: joinWords(value.slice(0, -1)) } : null;
		case 'from':
			if (value.at(-1)!.toLowerCase() === 'office') return { key: 'location', value: joinWords(value.slice(0, -1)) };
			return isDate(text) ? { key: 'start', value: text } : null;
		case 'location':
			return { key: 'location', value: joinWords(value.at(-1)!.toLowerCase() === 'office' && value.length > 1 ? value.slice(0, -1) : value) };
		default:
			return { key: kind, value: text };
	}
}
