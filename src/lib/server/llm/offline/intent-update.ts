/** Reads requests that change someone's fields: title, name, department, email, location, several at once. */
import { joinWords, wordsOf } from './add-clauses';
import { cleanPerson, cleanTitle, cleanValue } from './names';
import { isPersonPhrase, PLACEHOLDER } from './references';
import { firstMatch, pattern, toolIntent, type OfflineIntent } from './intent-types';

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

// Linear time, as in intent-changes.ts: where two open-ended groups come before a fixed ending, the ending is checked once first ((?=.*…$)).
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

const FIELD_NAMES: [words: string[], field: Field][] = [
	[['job', 'title'], 'title'],
	[['title'], 'title'],
	[['role'], 'title'],
	[['position'], 'title'],
	[['name'], 'name'],
	[['department'], 'department'],
	[['dept'], 'department'],
	[['team'], 'department'],
	[['email', 'address'], 'email'],
	[['e-mail', 'address'], 'email'],
	[['email'], 'email'],
	[['e-mail'], 'email'],
	[['location'], 'location'],
	[['office'], 'location'],
	[['city'], 'location']
];
const OWNERS = /^(?:his|her|their|the)$|(?:'s|s')$/i;

/** Where another field starts in a value: ", department to X" / "and his department to X"; the words it takes. */
function nextFieldAt(words: string[], at: number): { field: Field; skip: number } | null {
	let position = at;
	if (OWNERS.test(words[position] ?? '')) position++;
	const found = FIELD_NAMES.find(([names]) => names.every((name, offset) => words[position + offset]?.toLowerCase() === name));
	if (!found) return null;
	position += found[0].length;
	return /^(?:to|=|as|:|is)$/i.test(words[position] ?? '') ? { field: found[1], skip: position + 1 - at } : null;
}

/** "Lead and his department to Platform, location to Berlin" → the first value, then each further field. */
function splitFields(field: Field, raw: string): [Field, string][] {
	const words = wordsOf(raw);
	const fields: [Field, string[]][] = [[field, []]];
	for (let at = 0; at < words.length; at++) {
		const separator = words[at] === ',' || /^and$/i.test(words[at]);
		const next = separator ? nextFieldAt(words, at + (words[at + 1]?.toLowerCase() === 'and' ? 2 : 1)) : null;
		if (next) {
			fields.push([next.field, []]);
			at += next.skip + (words[at + 1]?.toLowerCase() === 'and' ? 1 : 0);
			continue;
		}
		fields.at(-1)![1].push(words[at]);
	}
	return fields.map(([name, value]) => [name, joinWords(value)]);
}

/** Words that start a job title, so "make Jane Smith Staff Engineer" splits before "Staff". */
const TITLE_STARTS = new Set(
	'senior sr junior jr staff principal lead head chief director vp svp evp avp manager engineer developer designer intern associate assistant executive analyst architect cto ceo cfo coo cmo cpo cio ciso team tech technical product engineering software sales marketing account data qa sre devops ux ui frontend backend full fullstack research researcher scientist recruiter controller accountant specialist coordinator consultant officer founder co-founder president partner'.split(' ')
);

/** "make him Staff Engineer", "make Jane Smith a Staff Engineer", "give Tom the title Lead". */
function readMakeTitle(text: string): OfflineIntent | null {
	const give = /^give\s+(?<person>.+?)\s+the\s+(?:job\s+)?title\s+(?:of\s+)?(?<value>.+)$/i.exec(text)?.groups;
	if (give) return isPersonPhrase(give.person) ? updateIntent(give.person, 'title', give.value) : null;
	const make = /^(?:make|appoint|name)\s+(?<rest>.+)$/i.exec(text)?.groups?.rest;
	if (!make) return null;
	const words = make.split(' ');
	let split = -1;
	for (let at = 1; at < Math.min(words.length, 8); at++) {
		const word = words[at].toLowerCase();
		if (/^(?:an?|the|our|into)$/.test(word) || TITLE_STARTS.has(word) || PLACEHOLDER.test(words[at - 1])) {
			split = at;
			break;
		}
	}
	if (split < 0) return null;
	const person = words.slice(0, split).join(' ');
	const value = words.slice(split).join(' ').replace(/^(?:into\s+)?(?:an?|the|our)\s+/i, '');
	if (/^(?:report|reports|work|a\s+dotted|dotted)\b/i.test(value) || !isPersonPhrase(person)) return null;
	return updateIntent(person, 'title', value);
}

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
	if (location && isPersonPhrase(location.person)) return updateIntent(location.person, 'location', location.value);
	return readMakeTitle(text);
}

function fieldValue(field: Field, raw: string): string {
	if (field === 'title') return cleanTitle(raw);
	if (field === 'email') return raw.trim();
	return field === 'name' ? cleanPerson(raw) : cleanValue(raw);
}

function updateIntent(person: string, field: Field, raw: string): OfflineIntent {
	const changes: Record<string, string> = {};
	for (const [name, value] of splitFields(field, raw)) changes[name] ??= fieldValue(name, value);
	return toolIntent('updateUser', { person: cleanPerson(person), changes });
}
