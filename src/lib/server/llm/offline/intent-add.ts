/**
 * Reads "add a person" requests: "Add John Doe as a developer under Jane Smith", "new hire: X, Y,
 * reports to Z", several people at once ("add A and B as engineers under Jane"), open roles ("add an
 * open Senior Engineer role under Jane"), and the clauses that become fields.
 */
import { joinWords, splitAddClauses, wordsOf, type ClauseKey } from './add-clauses';
import { readDate } from './dates';
import { bold, quoted, text } from './escape';
import { cleanPerson, cleanTitle, cleanValue, looksLikeName, newPersonName, singularTitle } from './names';
import { isEmail } from './references';
import { pattern, toolIntent, type OfflineIntent, type ToolIntent } from './intent-types';

const INTRO = [
	pattern(String.raw`^(?<verb>add|hire|onboard|create|welcome|register|open|post)\s+(?:(?:a\s+)?new\s+(?:person|employee|hire|user|team\s+member|starter)\s*:?\s+|(?:a\s+)?(?:person|employee|user)\s+)?(?:(?:named|called)\s+)?(?<rest>.+)$`),
	pattern(String.raw`^new\s+(?:hire|employee|starter|joiner|team\s+member)\s*[:,-]?\s+(?<rest>.+)$`)
];

/** An open role: "an open Senior Engineer role", "a vacancy for a designer", with the title clause ("an open role as …"). */
const VACANT_TITLED = /^(?:an?\s+)?(?:new\s+)?(?:open|vacant|unfilled)\s+(?<title>\S.*?)\s+(?:role|position|seat|req|requisition|opening|vacancy|slot|spot)$/i;
const VACANCY_FOR = /^(?:an?\s+)?(?:new\s+)?(?:open\s+(?:role|position|seat|req|requisition|slot|spot)|opening|vacancy|(?:job\s+)?(?:position|role|req|requisition))(?:\s+(?:for|as)\s+(?:an?\s+)?(?<title>\S.*))?$/i;
/** After "open"/"post": "a Senior Engineer position". */
const POSITION = /^(?:an?\s+)?(?:new\s+)?(?<title>\S.*?)\s+(?:role|position|req|requisition|opening|vacancy|seat)$/i;

const MAX_PEOPLE = 10;

type Clauses = Partial<Record<ClauseKey, string>>;

function clarify(message: string): OfflineIntent {
	return { kind: 'reply', reason: 'clarify', text: message };
}

/** Splits "A, B and C" into names; null when a part is not a name. */
function namesOf(phrase: string): string[] | null {
	const parts: string[][] = [[]];
	for (const word of wordsOf(phrase.replace(/^both\s+/i, ''))) {
		if (word === ',' || /^(?:and|&)$/i.test(word)) {
			if (parts.at(-1)!.length > 0) parts.push([]);
		} else parts.at(-1)!.push(word);
	}
	const names = parts.filter((part) => part.length > 0).map((part) => newPersonName(cleanPerson(part.join(' '))));
	// In a list of several, a lone capital ("add A and B as engineers") is a name, not the article "a".
	const isName = (name: string) => looksLikeName(name) || (names.length > 1 && /^\p{Lu}$/u.test(name));
	return names.length > 0 && names.every(isName) ? names : null;
}

/** The new people, each with their title: from "names as title [and names as title…]" or "name, title". */
function peopleOf(head: string, titles: string[][]): { names: string[]; title: string }[] | null {
	if (titles.length === 0) {
		// "José García, Data Analyst": the first comma ends the name.
		const words = wordsOf(head);
		const comma = words.indexOf(',');
		const name = newPersonName(cleanPerson(joinWords(comma > 0 ? words.slice(0, comma) : words)));
		if (!looksLikeName(name)) return null;
		return [{ names: [name], title: comma > 0 ? joinWords(words.slice(comma + 1)) : '' }];
	}
	// "Anna as engineer and Ben as designer": an "and" in a title that another title follows starts the next people.
	const groups: { names: string; title: string[] }[] = [{ names: head, title: titles[0] }];
	for (const next of titles.slice(1)) {
		const current = groups.at(-1)!;
		const and = current.title.map((word) => word.toLowerCase()).lastIndexOf('and');
		if (and <= 0) break;
		groups.push({ names: joinWords(current.title.slice(and + 1)), title: next });
		current.title = current.title.slice(0, and);
	}
	const people: { names: string[]; title: string }[] = [];
	for (const group of groups) {
		const names = namesOf(group.names);
		if (!names) return null;
		people.push({ names, title: joinWords(group.title) });
	}
	return people;
}

/** The field arguments every new person of the request shares, or the reason a clause is unusable. */
function sharedFields(clauses: Clauses, today: string): { ok: true; args: Record<string, unknown> } | { ok: false; problem: string } {
	const args: Record<string, unknown> = {};
	if (clauses.manager) args.manager = cleanPerson(clauses.manager.replace(/^(?:directly\s+)?(?:to\s+)?/i, ''));
	if (clauses.department) args.department = cleanValue(clauses.department);
	if (clauses.location) args.location = cleanValue(clauses.location.replace(/^the\s+/i, ''));
	if (clauses.email !== undefined) {
		const email = clauses.email.replace(/^(?:of|is|:)\s+/i, '').replace(/^[<(]|[>)]$/g, '').trim();
		if (!isEmail(email)) return { ok: false, problem: `${quoted(email)} is not a valid email address, so I didn't add anyone. Use an address like name@example.com.` };
		args.email = email;
	}
	if (clauses.start !== undefined) {
		const day = readDate(clauses.start, today);
		if (!day) return { ok: false, problem: `I couldn't read the start date ${quoted(clauses.start)}, so I didn't add anyone. Write it like "March 1" or "2025-03-01".` };
		args.startDate = day;
	}
	return { ok: true, args };
}

function vacancyTitle(verb: string, head: string, titles: string[][]): string | null {
	const titled = VACANT_TITLED.exec(head)?.groups?.title;
	if (titled) return titled;
	const vacancy = VACANCY_FOR.exec(head);
	if (vacancy) return vacancy.groups?.title ?? (titles[0] ? joinWords(titles[0]) : '');
	if (/^(?:open|post)$/i.test(verb)) return POSITION.exec(head)?.groups?.title ?? null;
	return null;
}

/** addUser intents (one per new person), a question back when something is missing or invalid, or null when this is no "add" request. */
export function readAddRequest(request: string, today: string): OfflineIntent | null {
	const intro = INTRO.map((candidate) => candidate.exec(request)?.groups).find((groups) => groups?.rest !== undefined);
	if (!intro) return null;
	const { head, clauses: found } = splitAddClauses(intro.rest, (phrase) => readDate(phrase, today) !== null);
	const clauses: Clauses = {};
	const titles: string[][] = [];
	for (const clause of found) {
		if (clause.key === 'title') titles.push(clause.words);
		else clauses[clause.key] ??= clause.value;
	}
	const shared = sharedFields(clauses, today);
	const vacantTitle = vacancyTitle(intro.verb ?? 'add', head, titles);
	if (vacantTitle !== null) {
		if (!shared.ok) return clarify(shared.problem);
		if (!vacantTitle) return clarify('Which role is open? For example: "Add an open Senior Engineer role under Jane Smith".');
		return toolIntent('addUser', { name: '', title: cleanTitle(vacantTitle), ...shared.args, vacancy: true });
	}
	if (/^(?:open|post)$/i.test(intro.verb ?? '')) return null;
	const people = peopleOf(head, titles);
	if (!people) return null;
	if (!shared.ok) return clarify(shared.problem);
	const count = people.reduce((sum, group) => sum + group.names.length, 0);
	const missing = people.find((group) => !cleanTitle(group.title));
	if (missing) {
		const name = missing.names[0];
		return clarify(`To add ${bold(name)} I need a job title too. For example: "Add ${text(name)} as a Developer under Jane Smith".`);
	}
	if (count > MAX_PEOPLE) return clarify(`That is ${count} people; I add at most ${MAX_PEOPLE} in one request. Please split it into smaller requests.`);
	if (count > 1 && shared.args.email) return clarify('Several people cannot share one email address. Please add them one at a time, each with their own email.');
	const intents: ToolIntent[] = people.flatMap((group) =>
		group.names.map((name) => {
			const title = cleanTitle(group.names.length > 1 ? singularTitle(group.title) : group.title);
			return toolIntent('addUser', { name, title, ...shared.args });
		})
	);
	return intents.length === 1 ? intents[0] : { kind: 'many', intents };
}
