/** Reads "add a person" requests: "Add John Doe as a developer under Jane Smith", "new hire: X, Y, reports to Z"… */
import { cleanPerson, cleanTitle, cleanValue, looksLikeName, newPersonName, trimEndWhere } from './names';
import { pattern, toolIntent, type OfflineIntent } from './intent-types';

const INTRO = [
	pattern(String.raw`^(?:add|hire|onboard|create|welcome|register)\s+(?:(?:a\s+)?new\s+(?:person|employee|hire|user|team\s+member|starter)\s*:?\s+|(?:a\s+)?(?:person|employee|user)\s+)?(?:(?:named|called)\s+)?(?<rest>.+)$`),
	pattern(String.raw`^new\s+(?:hire|employee|starter|joiner|team\s+member)\s*[:,-]?\s+(?<rest>.+)$`)
];

// Clause patterns search anywhere in the text, so each starts where a run of separators starts
// ((?<![,\s]) and (?<![\w.+-])): otherwise every position inside a long run is tried again.

/** Words that start another clause, so a captured name or title stops before them. */
const CLAUSE_END = String.raw`(?=\s*,|\s+(?:in|based|located|with|under|reporting|who|and)\s|$)`;
const NOT_A_CLAUSE_WORD = String.raw`(?:(?!\s(?:to|on|in|into|for|joining)\s).)+?`;

type Clause = { key: 'email' | 'manager' | 'location' | 'department'; pattern: RegExp };

/** Clauses taken out of the request one by one, most specific first. */
const CLAUSES: Clause[] = [
	{
		key: 'email',
		pattern: pattern(String.raw`\s*,?\s*\(?(?:(?:with|and)\s+)?(?:(?:an?|the)\s+)?(?:e-?mail(?:\s+address)?\s*(?:of|is|:)?\s*)?<?(?<![\w.+-])(?<value>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>?\)?`)
	},
	{
		key: 'manager',
		pattern: pattern(String.raw`(?<![,\s])[,\s]+(?:to|on|in|into|joining|for)\s+(?<value>${NOT_A_CLAUSE_WORD})'S\s+(?:team|org|organization|group|department)\b`)
	},
	{
		key: 'manager',
		pattern: pattern(String.raw`(?<![,\s])[,\s]+(?:and\s+|who\s+|that\s+)?(?:reports|reporting|will\s+report|report|is\s+reporting)\s+(?:directly\s+)?to\s+(?<value>.+?)${CLAUSE_END}`)
	},
	{
		key: 'manager',
		pattern: pattern(String.raw`(?<![,\s])[,\s]+(?:under|working\s+for|working\s+under|managed\s+by|below)\s+(?<value>.+?)${CLAUSE_END}`)
	},
	{
		key: 'location',
		pattern: pattern(String.raw`(?<![,\s])[,\s]+(?:based|located|working|sitting)\s+(?:in|at|out\s+of)\s+(?<value>.+?)${CLAUSE_END}`)
	},
	{ key: 'location', pattern: pattern(String.raw`(?<![,\s])[,\s]+in\s+the\s+(?<value>(?:(?!\sin\s+the\s).)+?)\s+office\b`) },
	{
		key: 'department',
		pattern: pattern(String.raw`(?<![,\s])[,\s]+(?:in|on|into|joining)\s+(?:the\s+)?(?<value>.+?)(?:\s+(?:department|dept|team|group))?${CLAUSE_END}`)
	}
];

const NAME_AND_TITLE = [
	pattern(String.raw`^(?<name>.+?)\s+as\s+(?<title>.+)$`),
	// The title runs to the end (a trailing comma is cleaned off later): a lazy title before `,?$` is quadratic.
	pattern(String.raw`^(?<name>.+?)\s*,\s*(?<title>.+)$`)
];

/** Text without one comma (and the spaces around it) at its end. */
function withoutTrailingComma(text: string): string {
	const trimmed = trimEndWhere(text, /\s/);
	return trimmed.endsWith(',') ? trimEndWhere(trimmed.slice(0, -1), /\s/) : text;
}

/** Takes each known clause out of the text; returns what was found and what is left (name and title). */
function takeClauses(text: string): { found: Partial<Record<Clause['key'], string>>; rest: string } {
	const found: Partial<Record<Clause['key'], string>> = {};
	let rest = text;
	for (const clause of CLAUSES) {
		if (found[clause.key]) continue;
		const match = clause.pattern.exec(rest);
		if (!match?.groups?.value) continue;
		found[clause.key] = match.groups.value;
		rest = (rest.slice(0, match.index) + rest.slice(match.index + match[0].length)).trim();
	}
	return { found, rest: withoutTrailingComma(rest) };
}

/** An addUser intent, a question back when the title is missing, or null when this is no "add" request. */
export function readAddRequest(text: string): OfflineIntent | null {
	const rest = INTRO.map((intro) => intro.exec(text)?.groups?.rest).find((value) => value !== undefined);
	if (!rest) return null;
	const { found, rest: nameAndTitle } = takeClauses(rest);
	const parts = NAME_AND_TITLE.map((candidate) => candidate.exec(nameAndTitle)?.groups).find(Boolean);
	const name = newPersonName(cleanPerson(parts?.name ?? nameAndTitle));
	if (!looksLikeName(name)) return null;
	const title = parts?.title ? cleanTitle(parts.title) : '';
	if (!title) {
		return {
			kind: 'reply',
			reason: 'clarify',
			text: `To add **${name}** I need a job title too. For example: "Add ${name} as a Developer under Jane Smith".`
		};
	}
	const args: Record<string, unknown> = { name, title };
	if (found.manager) args.manager = cleanPerson(found.manager);
	if (found.department) args.department = cleanValue(found.department);
	if (found.email) args.email = found.email;
	if (found.location) args.location = cleanValue(found.location);
	return toolIntent('addUser', args);
}
