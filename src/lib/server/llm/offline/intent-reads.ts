/** Reads questions about the chart: a person, their reports, their managers, the org's numbers, a search. */
import { cleanPerson, searchTerm } from './names';
import { readReference } from './references';
import { firstMatch, pattern, toolIntent, type OfflineIntent } from './intent-types';

const SHOW = String.raw`(?:(?:show|list|get|give|display|find|tell)\s+(?:me\s+)?)?`;
const ORG_WORDS = String.raw`(?:org|organization|organisation|org\s+tree|tree|reporting\s+tree|hierarchy)`;

const PRONOUN_OWNER = String.raw`(?<person>my|his|her|their|your)`;

const CHAIN = [
	pattern(String.raw`^(?:who\s+is|who's|whos)\s+${PRONOUN_OWNER}\s+(?:manager|boss|supervisor|lead|line\s+manager)$`),
	pattern(String.raw`^(?:who\s+is|who's|whos|who\s+are)\s+(?<person>.+?)'S\s+(?:manager|boss|supervisor|lead|line\s+manager|managers|bosses)$`),
	pattern(String.raw`^(?:who\s+is|who's)\s+(?:the\s+)?(?:manager|boss|supervisor)\s+(?:of|for)\s+(?<person>.+)$`),
	pattern(String.raw`^(?:who|whom)\s+does\s+(?<person>.+?)\s+(?:report|work)\s+(?:to|for|under)$`),
	pattern(String.raw`^who\s+(?:manages|supervises|is\s+above|is\s+over)\s+(?<person>.+)$`),
	pattern(String.raw`^${SHOW}(?:what\s+is\s+|what's\s+)?(?:the\s+)?(?:chain\s+of\s+command|reporting\s+(?:line|chain)|management\s+chain|chain\s+of\s+managers|managers)\s+(?:of|for|above)\s+(?<person>.+)$`),
	pattern(String.raw`^${SHOW}(?:what\s+is\s+|what's\s+)?(?<person>.+?)'S\s+(?:chain\s+of\s+command|reporting\s+(?:line|chain)|management\s+chain|manager|boss)$`)
];

const ALL_REPORTS = [
	pattern(String.raw`^${SHOW}(?:who(?:'s|\s+is|\s+are)?|everyone|everybody|all\s+(?:of\s+)?(?:the\s+)?(?:people|employees|staff|reports)|the\s+(?:whole|entire)\s+team|people)\s+(?:who\s+(?:is|are)\s+|that\s+(?:is|are)\s+)?(?:under|below|beneath|reporting\s+up\s+to)\s+(?<person>.+)$`),
	pattern(String.raw`^${SHOW}(?:all\s+(?:of\s+)?)?(?<person>.+?)'S\s+(?:whole|entire|full|complete|extended)\s+(?:${ORG_WORDS}|team|department)$`),
	pattern(String.raw`^${SHOW}(?:all\s+(?:of\s+)?)?(?<person>.+?)'S\s+(?:${ORG_WORDS}|indirect\s+reports|reports\s+recursively|all\s+reports)$`),
	pattern(String.raw`^${SHOW}(?:everyone|everybody|all\s+(?:the\s+)?people|who(?:'s|\s+is|\s+are))\s+in\s+(?<person>.+?)'S\s+(?:${ORG_WORDS}|team)$`),
	pattern(String.raw`^${SHOW}(?:everyone|everybody|who)\s+(?:who\s+)?(?:reports|report|rolls\s+up)\s+to\s+(?<person>.+?)(?:\s+(?:directly\s+or\s+indirectly|indirectly|in\s+total|overall))$`),
	pattern(String.raw`^${SHOW}(?:everyone|everybody)\s+who\s+(?:reports|rolls\s+up)\s+to\s+(?<person>.+)$`),
	pattern(String.raw`^${SHOW}all\s+(?:of\s+)?(?<person>.+?)'S\s+reports$`),
	pattern(String.raw`^${SHOW}all\s+(?:the\s+)?reports\s+(?:of|under|for)\s+(?<person>.+)$`),
	pattern(String.raw`^how\s+many\s+people\s+(?:are\s+)?(?:under|below|in\s+(?<owner>.+?)'S\s+${ORG_WORDS})\s*(?<person>.*)$`)
];

const DIRECT_REPORTS = [
	pattern(String.raw`^(?:who\s+(?:is|are)\s+(?:on|in)\s+|${SHOW})${PRONOUN_OWNER}\s+(?:direct\s+)?(?:reports|team)$`),
	pattern(String.raw`^(?:who|which\s+people|what\s+people)\s+(?:directly\s+)?(?:reports|report|works|work)\s+(?:directly\s+)?(?:to|for|under)\s+(?<person>.+?)(?:\s+directly)?$`),
	pattern(String.raw`^(?:who|whom)\s+does\s+(?<person>.+?)\s+(?:manage|supervise|lead)$`),
	pattern(String.raw`^(?:who\s+are|who's\s+on|who\s+is\s+on|who\s+is\s+in|who\s+are\s+on|what\s+are)?\s*${SHOW}(?:the\s+)?(?<person>.+?)'S\s+(?:direct\s+reports|reports|team|direct\s+team|directs|people|staff|subordinates)$`),
	pattern(String.raw`^${SHOW}(?:the\s+)?(?:direct\s+)?reports\s+(?:of|for|to)\s+(?<person>.+)$`),
	pattern(String.raw`^how\s+many\s+(?:people|direct\s+reports|reports|employees)\s+(?:report|reports)\s+(?:directly\s+)?to\s+(?<person>.+)$`),
	pattern(String.raw`^how\s+many\s+(?:direct\s+)?reports\s+does\s+(?<person>.+?)\s+have$`),
	pattern(String.raw`^does\s+(?<person>.+?)\s+have\s+(?:any\s+)?(?:direct\s+)?reports$`)
];

const STATS = pattern(
	String.raw`^(?:how\s+many\s+(?:people|employees|staff|persons|members|folks|managers|departments|levels)(?:\s+(?:are\s+there|work\s+here|do\s+we\s+have|are\s+in\s+(?:the|our|this)\s+(?:org|organization|organisation|company|chart)|work\s+at\s+.+|in\s+total))?|.*\b(?:headcount|head\s+count|org(?:anization)?\s+stat(?:istic)?s|stats|statistics|span\s+of\s+control|org\s+size)\b.*|how\s+big\s+is\s+(?:the|our|this)\s+(?:org|organization|organisation|company|team)|(?:what|which)\s+departments\s+(?:are\s+there|do\s+we\s+have)|(?:list|show)\s+(?:me\s+)?(?:the\s+|all\s+)?departments|(?:give\s+me\s+)?an?\s+overview\s+of\s+the\s+(?:org|organization|company)|how\s+deep\s+is\s+the\s+(?:org|chart|hierarchy))$`
);

const SEARCH = [
	pattern(String.raw`^how\s+many\s+(?:people|employees)\s+(?:are\s+|work\s+)?in\s+(?:the\s+)?(?<query>.+?)(?:\s+(?:department|dept|team|group))?$`),
	pattern(String.raw`^(?:search(?:\s+for)?|look\s+for|find\s+me)\s+(?:people\s+|someone\s+|anyone\s+|everyone\s+)?(?:named\s+|called\s+|matching\s+|with\s+)?(?<query>.+)$`),
	pattern(String.raw`^${SHOW}(?:all\s+)?(?:the\s+)?(?:(?:first|top)\s+)?(?<limit>\d+\s+)?(?:people|everyone|everybody|employees|staff|anyone|someone|persons)\s+(?:in|from|at|on|within|named|called|with\s+(?:the\s+)?title|titled|matching|working\s+(?:in|as|on))\s+(?:the\s+)?(?<query>.+?)(?:\s+(?:department|dept|team|group))?$`),
	pattern(String.raw`^(?:who\s+works|who\s+is|who's|who\s+are)\s+(?:in|on)\s+(?:the\s+)?(?<query>.+?)(?:\s+(?:department|dept|team|group))?$`),
	pattern(String.raw`^who\s+are\s+(?:the\s+|our\s+|all\s+the\s+)(?<query>.+)$`),
	pattern(String.raw`^how\s+many\s+(?<query>.+?)\s+(?:are\s+there|do\s+we\s+have|work\s+here)$`),
	// A bare "find engineers" / "list all designers": a few words only, so a stray command is not a search.
	pattern(String.raw`^(?:find|list|show(?:\s+me)?)\s+(?:all\s+|every\s+|the\s+)*(?:(?:first|top)\s+)?(?<limit>\d+\s+)?(?<query>\S+(?:\s+\S+){0,3})$`)
];

const INFO = [
	pattern(String.raw`^(?:who\s+is|who's|whos|who\s+was)\s+(?<person>.+)$`),
	pattern(String.raw`^(?:tell\s+me\s+(?:more\s+)?about|info(?:rmation)?\s+(?:on|about|for)|details\s+(?:on|about|for)|${SHOW}(?:the\s+)?(?:profile|details|info(?:rmation)?)\s+(?:of|for|on|about)|what\s+do\s+you\s+know\s+about|look\s+up|lookup|profile\s+(?:of|for)|describe)\s+(?<person>.+)$`),
	pattern(String.raw`^(?:what\s+is|what's|whats)\s+(?<person>.+?)'S\s+(?:title|role|job|job\s+title|position|e-?mail(?:\s+address)?|department|dept|location|office|start\s+date)$`),
	pattern(String.raw`^what\s+does\s+(?<person>.+?)\s+do(?:\s+here)?$`),
	pattern(String.raw`^where\s+(?:is|does)\s+(?<person>.+?)\s+(?:based|located|work|sit)$`),
	pattern(String.raw`^(?:show|open)\s+(?<person>.+?)'S\s+(?:profile|card|details)$`)
];

/** A question about the chart, or null. Order matters: the narrower question forms are tried first. */
export function readQuestion(text: string): OfflineIntent | null {
	const chain = firstMatch(text, CHAIN);
	if (chain) return toolIntent('getChainOfCommand', { person: cleanPerson(chain.person) });
	const all = firstMatch(text, ALL_REPORTS);
	if (all && (all.person || all.owner)) return toolIntent('getReports', { person: cleanPerson(all.person || all.owner), depth: 'all' });
	const direct = firstMatch(text, DIRECT_REPORTS);
	if (direct) return toolIntent('getReports', { person: cleanPerson(direct.person), depth: 'direct' });
	if (STATS.test(text)) return toolIntent('getOrgStats', {});
	const search = firstMatch(text, SEARCH);
	if (search) return searchIntent(search.query, search.limit);
	const info = firstMatch(text, INFO);
	if (!info) return null;
	const person = cleanPerson(info.person);
	// "Who is the CTO?" asks for a role, not a name: search titles instead.
	const role = /^(?:the|our|an?)\s+(?<role>.+)$/i.exec(person)?.groups?.role;
	// "Who is the Jane Smith in Design?" names a person after all.
	if (role && readReference(role)?.kind !== 'lookup') {
		if (/^(?:company|org|organization|organisation|team)$/i.test(role)) return toolIntent('getOrgStats', {});
		return searchIntent(role);
	}
	return toolIntent('getUserInformation', { person });
}

function searchIntent(rawQuery: string, rawLimit?: string): OfflineIntent {
	const args: Record<string, unknown> = { query: searchTerm(rawQuery) };
	const limit = rawLimit ? Number.parseInt(rawLimit, 10) : NaN;
	if (Number.isInteger(limit) && limit > 0) args.limit = limit;
	return toolIntent('searchPeople', args);
}
