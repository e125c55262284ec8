/** Reads requests that remove people or move them to another manager. */
import { wordsOf } from './add-clauses';
import { cleanPerson } from './names';
import { isPersonPhrase } from './references';
import { firstMatch, pattern, toolIntent, type OfflineIntent, type ToolIntent } from './intent-types';

// Linear time: a pattern with two open-ended groups before a fixed ending first checks that
// ending once, from the start ((?=.*…$)), so a text without it fails at once instead of
// re-scanning to the end for every place the first group could stop; a group inside a pattern
// that searches anywhere is bounded ({1,200}, the longest person reference).
const REASSIGN_CLAUSE = pattern(
	String.raw`\s*[,;]?\s*(?:and\s+|then\s+)?(?:(?:reassign|move|give|hand|transfer|send)\s+(?:over\s+)?(?:(?:his|her|their|all)\s+|.{1,200}?'S\s+)?(?:direct\s+)?(?:reports|team|people|staff)\s+(?:over\s+)?to|(?:his|her|their)\s+(?:direct\s+)?(?:reports|team)\s+(?:go|goes|should\s+go|will\s+go|now\s+report|move)\s+to)\s+(?<to>.+)$`
);

const REMOVE = [
	pattern(String.raw`^(?:remove|delete|fire|terminate|offboard|let\s+go(?:\s+of)?|drop)\s+(?<person>.+?)(?:\s+(?:from|off)\s+(?:the\s+)?(?:org(?:anization)?(?:\s+chart)?|chart|company|team|directory))?$`),
	pattern(String.raw`^(?<person>.+?)\s+(?:has\s+)?(?:left|quit|resigned|departed)(?:\s+(?:the\s+)?(?:company|org(?:anization)?|team|us))?$`),
	pattern(String.raw`^(?<person>.+?)\s+(?:is\s+leaving|no\s+longer\s+works\s+here)(?:\s+the\s+company)?$`)
];

const MAX_PEOPLE = 10;

/** "Tom Becker, Alex Rivera and Wei Zhang" as the people it names; one person when it is no such list. */
function peopleIn(phrase: string): string[] {
	const words = wordsOf(phrase);
	const parts: string[][] = [[]];
	for (const word of words) {
		if (word === ',' || /^(?:and|&)$/i.test(word)) parts.push([]);
		else parts.at(-1)!.push(word);
	}
	const names = parts.map((part) => part.join(' '));
	const list = names.length > 1 && names.length <= MAX_PEOPLE && names.every((name) => name !== '' && isPersonPhrase(name));
	return list ? names : [phrase];
}

/** One intent per person, or the single intent. */
function each(names: string[], intent: (name: string) => ToolIntent): OfflineIntent {
	const intents = names.map(intent);
	return intents.length === 1 ? intents[0] : { kind: 'many', intents };
}

/** A removeUser intent (one per person named), or null. */
export function readRemoveRequest(text: string): OfflineIntent | null {
	const reassign = REASSIGN_CLAUSE.exec(text);
	const core = reassign ? text.slice(0, reassign.index) : text;
	const groups = firstMatch(core, REMOVE);
	const names = groups ? peopleIn(groups.person) : [];
	if (names.length === 0 || (names.length === 1 && !isPersonPhrase(names[0]))) return null;
	const to = reassign?.groups?.to ? { reassignReportsTo: cleanPerson(reassign.groups.to) } : {};
	return each(names, (name) => toolIntent('removeUser', { person: cleanPerson(name), ...to }));
}

const MOVE = [
	pattern(String.raw`^(?:move|transfer|reassign|shift|put)\s+(?<person>.+?)\s+(?:to\s+report\s+to|to\s+(?:be\s+)?under|under|to|onto|into|over\s+to)\s+(?<manager>.+?)(?:'S\s+(?:team|org|organization|group))?$`),
	pattern(String.raw`^(?<person>.+?)\s+(?:now\s+reports|should\s+(?:now\s+)?report|will\s+(?:now\s+)?report|is\s+now\s+reporting|needs\s+to\s+report|has\s+to\s+report|now\s+works\s+for)\s+(?:directly\s+)?(?:to\s+)?(?<manager>.+)$`),
	pattern(String.raw`^(?=.*\s(?:now|from\s+now\s+on|going\s+forward|starting\s+today)$)(?<person>.+?)\s+reports\s+(?:directly\s+)?to\s+(?<manager>.+?)\s+(?:now|from\s+now\s+on|going\s+forward|starting\s+today)$`),
	pattern(String.raw`^(?:make|have|let)\s+(?<person>.+?)\s+report\s+(?:directly\s+)?to\s+(?<manager>.+)$`),
	pattern(String.raw`^(?:change|update|set|switch)\s+(?<person>.+?)'S\s+(?:manager|boss|supervisor|reporting\s+line)\s+(?:to|=)\s+(?<manager>.+)$`),
	pattern(String.raw`^(?:change|update|set)\s+(?:the\s+)?(?:manager|boss)\s+(?:of|for)\s+(?<person>.+?)\s+to\s+(?<manager>.+)$`)
];

const TIME_WORDS = / (?:from now on|going forward|starting today|effective immediately|as of today|now|today|immediately)$/i;

/** "Jane Smith from now on" → "Jane Smith": when a change happens is not part of a name. */
function withoutTimeWords(text: string): string {
	const tail = Math.max(0, text.length - 30);
	const found = TIME_WORDS.exec(text.slice(tail));
	return found ? text.slice(0, tail + found.index) : text;
}

/** A moveUser intent, or null. */
export function readMoveRequest(text: string): OfflineIntent | null {
	const groups = firstMatch(text, MOVE);
	if (!groups) return null;
	const manager = withoutTimeWords(groups.manager);
	const names = peopleIn(groups.person);
	if ((names.length === 1 && !isPersonPhrase(names[0])) || !isPersonPhrase(manager)) return null;
	return each(names, (name) => toolIntent('moveUser', { person: cleanPerson(name), newManager: cleanPerson(manager) }));
}
