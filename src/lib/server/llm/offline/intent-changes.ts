/** Reads requests that change someone: remove, move to another manager, update a field. */
import { cleanPerson, cleanTitle, cleanValue, isPersonPhrase } from './names';
import { firstMatch, pattern, toolIntent, type OfflineIntent } from './intent-types';

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

/** A removeUser intent, or null. */
export function readRemoveRequest(text: string): OfflineIntent | null {
	const reassign = REASSIGN_CLAUSE.exec(text);
	const core = reassign ? text.slice(0, reassign.index) : text;
	const groups = firstMatch(core, REMOVE);
	if (!groups || !isPersonPhrase(groups.person)) return null;
	const args: Record<string, unknown> = { person: cleanPerson(groups.person) };
	if (reassign?.groups?.to) args.reassignReportsTo = cleanPerson(reassign.groups.to);
	return toolIntent('removeUser', args);
}

const MOVE = [
	pattern(String.raw`^(?:move|transfer|reassign|shift|put)\s+(?<person>.+?)\s+(?:to\s+report\s+to|to\s+(?:be\s+)?under|under|to|onto|into|over\s+to)\s+(?<manager>.+?)(?:'S\s+(?:team|org|organization|group))?$`),
	pattern(String.raw`^(?<person>.+?)\s+(?:now\s+reports|should\s+(?:now\s+)?report|will\s+(?:now\s+)?report|is\s+now\s+reporting|needs\s+to\s+report|has\s+to\s+report|now\s+works\s+for)\s+(?:directly\s+)?(?:to\s+)?(?<manager>.+)$`),
	pattern(String.raw`^(?=.*\s(?:now|from\s+now\s+on|going\s+forward|starting\s+today)$)(?<person>.+?)\s+reports\s+(?:directly\s+)?to\s+(?<manager>.+?)\s+(?:now|from\s+now\s+on|going\s+forward|starting\s+today)$`),
	pattern(String.raw`^(?:make|have|let)\s+(?<person>.+?)\s+report\s+(?:directly\s+)?to\s+(?<manager>.+)$`),
	pattern(String.raw`^(?:change|update|set|switch)\s+(?<person>.+?)'S\s+(?:manager|boss|supervisor|reporting\s+line)\s+(?:to|=)\s+(?<manager>.+)$`),
	pattern(String.raw`^(?:change|update|set)\s+(?:the\s+)?(?:manager|boss)\s+(?:of|for)\s+(?<person>.+?)\s+to\s+(?<manager>.+)$`)
];

/** A moveUser intent, or null. */
export function readMoveRequest(text: string): OfflineIntent | null {
	const groups = firstMatch(text, MOVE);
	if (!groups || !isPersonPhrase(groups.person)) return null;
	return toolIntent('moveUser', { person: cleanPerson(groups.person), newManager: cleanPerson(groups.manager) });
}

type Field = 'title' | 'name' | 'department' | 'email' | 'location';
const FIELD_WORDS = String.raw`(?<field>job\s+title|title|role|position|name|department|dept|team|e-?mail(?:\s+address)?|location|office|city)`;

function fieldOf(word: string): Field {
	const lower = word.toLowerCase();
	if (/title|role|position/.test(lower)) return 'title';
	if (lower === 'name') return 'name';
	if (/department|dept|team/.test(lower)) return 'department';
	if (/mail/.test(lower)) return 'email';
	return 'location';
}

const UPDATE = [
	pattern(String.raw`^(?:change|update|set|make|edit|correct|fix)\s+(?<person>.+?)'S\s+${FIELD_WORDS}\s+(?:to|=|as|:)\s+(?<value>.+)$`),
	pattern(String.raw`^(?:change|update|set|edit)\s+(?:the\s+)?${FIELD_WORDS}\s+(?:of|for)\s+(?<person>.+?)\s+to\s+(?<value>.+)$`),
	pattern(String.raw`^(?<person>.+?)'S\s+${FIELD_WORDS}\s+(?:is\s+now|should\s+be|is|becomes|changed\s+to|has\s+changed\s+to)\s+(?<value>.+)$`),
	pattern(String.raw`^(?:promote|demote)\s+(?<person>.+?)\s+to\s+(?<field>)(?<value>.+)$`),
	pattern(String.raw`^(?<person>.+?)\s+(?:is\s+now|has\s+become|became|was\s+promoted\s+to)\s+(?<field>)(?:an?\s+|the\s+|our\s+)(?<value>.+)$`),
	pattern(String.raw`^(?:rename)\s+(?<person>.+?)\s+(?:to|as)\s+(?<field>)(?<value>.+)$`)
];

const DEPARTMENT_CHANGE = [
	pattern(String.raw`^(?=.*\s(?:department|dept|team|group)$)(?:move|transfer)\s+(?<person>.+?)\s+(?:to|into)\s+the\s+(?<value>.+?)\s+(?:department|dept|team|group)$`),
	pattern(String.raw`^(?=.*\s(?:department|dept)$)(?:move|transfer)\s+(?<person>.+?)\s+(?:to|into)\s+(?<value>.+?)\s+(?:department|dept)$`),
	pattern(String.raw`^(?=.*\s(?:department|dept|team|group)$)(?<person>.+?)\s+(?:is\s+now\s+in|moved\s+to|joined|joins|has\s+joined)\s+(?:the\s+)?(?<value>.+?)\s+(?:department|dept|team|group)$`)
];

const LOCATION_CHANGE = pattern(
	String.raw`^(?<person>.+?)\s+(?:is\s+now\s+based|now\s+works|has\s+relocated|relocated|is\s+relocating|moved\s+to\s+the)\s+(?:in|to|from|out\s+of|at)?\s*(?<value>.+?)(?:\s+office)?$`
);

/** An updateUser intent, or null. Titles and departments are title-cased; names and emails kept as typed. */
export function readUpdateRequest(text: string): OfflineIntent | null {
	const department = firstMatch(text, DEPARTMENT_CHANGE);
	if (department && isPersonPhrase(department.person)) return updateIntent(department.person, 'department', department.value);
	const groups = firstMatch(text, UPDATE);
	if (groups && isPersonPhrase(groups.person)) {
		const field: Field = groups.field ? fieldOf(groups.field) : /^rename/i.test(text) ? 'name' : 'title';
		return updateIntent(groups.person, field, groups.value);
	}
	const location = LOCATION_CHANGE.exec(text)?.groups;
	return location && isPersonPhrase(location.person) ? updateIntent(location.person, 'location', location.value) : null;
}

function updateIntent(person: string, field: Field, raw: string): OfflineIntent {
	const value =
		field === 'title' ? cleanTitle(raw) : field === 'email' ? raw.trim() : field === 'name' ? cleanPerson(raw) : cleanValue(raw);
	return toolIntent('updateUser', { person: cleanPerson(person), changes: { [field]: value } });
}
