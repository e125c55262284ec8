/**
 * Reads questions about the shape of the chart that take several tool calls: who the managers are,
 * who has the most or no reports, someone's span of control and peers, and who is in a place
 * (a department or an office).
 */
import { cleanPerson, cleanValue } from './names';
import { firstMatch, pattern, taskIntent, type OfflineIntent } from './intent-types';

const WHO = String.raw`(?:who|which\s+(?:people|person|employees?|managers?)|what\s+people)`;
const LIST = String.raw`(?:(?:show|list|get|give|find|tell)\s+(?:me\s+)?|(?:can\s+i\s+see|i\s+want\s+to\s+see)\s+)?`;
const REPORTS = String.raw`(?:direct\s+)?(?:reports|directs|people\s+under\s+them|team\s+members)`;

const MANAGERS = [
	pattern(String.raw`^${LIST}(?:who\s+are\s+|which\s+people\s+are\s+)?(?:all\s+)?(?:of\s+)?(?:the\s+|our\s+)?(?:people\s+)?managers(?:\s+(?:here|in\s+(?:the|our|this)\s+(?:org|organization|organisation|company|chart)))?$`),
	pattern(String.raw`^${LIST}(?:all\s+|every\s+)(?:the\s+)?managers?$`),
	pattern(String.raw`^how\s+many\s+managers(?:\s+(?:are\s+there|do\s+we\s+have|are\s+in\s+the\s+(?:org|company)))?$`),
	pattern(String.raw`^${WHO}\s+(?:has|have)\s+(?:any\s+)?${REPORTS}$`),
	pattern(String.raw`^${WHO}\s+(?:manages|manage)\s+(?:people|anyone|someone|others|a\s+team)$`),
	pattern(String.raw`^${LIST}(?:everyone|everybody|people|all\s+people)\s+(?:who|that)\s+(?:has|have|manages?)\s+(?:any\s+)?(?:${REPORTS}|people|a\s+team)$`),
	pattern(String.raw`^${LIST}(?:all\s+)?(?:people|everyone)\s+with\s+(?:direct\s+)?reports$`)
];

const MOST_REPORTS = [
	pattern(String.raw`^${WHO}\s+(?:has|have)\s+the\s+(?:most|largest\s+number\s+of|biggest\s+number\s+of)\s+(?:${REPORTS}|people)(?:\s+(?:reporting\s+to\s+them|under\s+them))?$`),
	pattern(String.raw`^${WHO}\s+(?:has|have|manages|runs|leads)\s+the\s+(?:biggest|largest|widest|most\s+people\s+in\s+their)\s+(?:team|span(?:\s+of\s+control)?|org)$`),
	pattern(String.raw`^${WHO}\s+manages\s+the\s+most\s+people$`),
	pattern(String.raw`^${WHO}\s+(?:is|has)\s+the\s+(?:widest|largest|biggest)\s+span(?:\s+of\s+control)?$`),
	pattern(String.raw`^(?:what\s+is\s+|what's\s+)?the\s+(?:widest|largest|biggest)\s+(?:span(?:\s+of\s+control)?|team)$`)
];

const NO_REPORTS = [
	pattern(String.raw`^${WHO}\s+(?:has|have)\s+no\s+${REPORTS}$`),
	pattern(String.raw`^${WHO}\s+(?:doesn't|does\s+not|don't|do\s+not)\s+have\s+(?:any\s+)?${REPORTS}$`),
	pattern(String.raw`^${WHO}\s+(?:manages|manage)\s+(?:nobody|no\s+one|no-one)$`),
	pattern(String.raw`^${WHO}\s+(?:doesn't|does\s+not|don't|do\s+not)\s+manage\s+(?:anyone|anybody|people)$`),
	pattern(String.raw`^${LIST}(?:all\s+)?(?:the\s+)?(?:individual\s+contributors|ics|non-managers)$`),
	pattern(String.raw`^who\s+are\s+(?:the\s+|our\s+)?(?:individual\s+contributors|ics|non-managers)$`),
	pattern(String.raw`^${LIST}(?:all\s+)?(?:people|everyone)\s+(?:without|with\s+no)\s+(?:direct\s+)?reports$`)
];

const SPAN = [
	pattern(String.raw`^(?:what\s+is\s+|what's\s+|whats\s+|show\s+(?:me\s+)?|tell\s+me\s+)?(?<person>.+?)'S\s+span(?:\s+of\s+control)?$`),
	pattern(String.raw`^(?:what\s+is\s+|what's\s+|whats\s+|show\s+(?:me\s+)?)?(?:the\s+)?span\s+of\s+control\s+(?:of|for)\s+(?<person>.+)$`),
	pattern(String.raw`^how\s+(?:big|large|wide)\s+is\s+(?<person>.+?)'S\s+(?:team|span(?:\s+of\s+control)?|org(?:anization)?)$`),
	pattern(String.raw`^how\s+many\s+people\s+does\s+(?<person>.+?)\s+(?:manage|oversee|lead|have\s+under\s+them)(?:\s+in\s+total)?$`)
];

const PEERS = [
	pattern(String.raw`^(?:who\s+are\s+|who's\s+|show\s+(?:me\s+)?|list\s+|what\s+about\s+)?(?<person>.+?)'S\s+(?:peers|teammates|team\s+mates|colleagues|co-?workers)$`),
	pattern(String.raw`^(?:who\s+are\s+)?(?:the\s+)?(?:peers|teammates|colleagues|co-?workers)\s+of\s+(?<person>.+)$`),
	pattern(String.raw`^who\s+(?:works|work)\s+(?:alongside|next\s+to|with)\s+(?<person>.+)$`),
	pattern(String.raw`^who\s+(?:else\s+)?(?:has|shares)\s+the\s+same\s+manager\s+as\s+(?<person>.+)$`),
	pattern(String.raw`^who\s+else\s+reports\s+to\s+(?<person>.+?)'S\s+manager$`)
];

const PLACE_END = String.raw`(?:\s+(?<suffix>office|department|dept|team|group))?`;
const PEOPLE_IN = [
	pattern(String.raw`^(?:who\s+(?:is|are|works?)|who's|whos|everyone|everybody|people|anyone)\s+(?:is\s+|are\s+)?(?:in|at|from)\s+(?:the\s+|our\s+)(?<place>.+?)\s+(?<suffix>office)$`),
	pattern(String.raw`^${LIST}(?:everyone|everybody|people|all\s+people|the\s+people|who's)\s+(?:in|at|from)\s+(?:the\s+|our\s+)(?<place>.+?)\s+(?<suffix>office)$`),
	pattern(String.raw`^(?:who\s+(?:is|are)|who's|whos|${LIST}(?:everyone|people))\s+(?:based|located)\s+(?:in|at|out\s+of)\s+(?:the\s+)?(?<place>.+?)(?:\s+(?<suffix>office))?$`),
	pattern(String.raw`^who\s+works?\s+(?:out\s+of|from)\s+(?:the\s+)?(?<place>.+?)(?:\s+(?<suffix>office))?$`),
	pattern(String.raw`^how\s+many\s+(?:people|employees|staff|persons|folks)\s+(?:are\s+|work\s+|do\s+we\s+have\s+|sit\s+)?(?:based\s+|located\s+)?(?:in|at|on)\s+(?:the\s+|our\s+)?(?<place>.+?)${PLACE_END}$`),
	pattern(String.raw`^how\s+big\s+is\s+(?:the\s+|our\s+)?(?<place>.+?)\s+(?<suffix>office|department|dept)$`),
	pattern(String.raw`^(?:who\s+is|who's|whos|who\s+are)\s+in\s+(?:the\s+)?(?<place>.+?)\s+(?<suffix>department|dept)$`)
];

/** Words that name the whole organization, which the org stats answer instead. */
const WHOLE_ORG = /^(?:org|organization|organisation|company|chart|org\s+chart|business|firm|team)$/i;

/** A multi-step question about managers, spans, peers or a place, or null. */
export function readOrgQuestion(text: string): OfflineIntent | null {
	if (MANAGERS.some((candidate) => candidate.test(text))) return taskIntent('listManagers', {});
	if (MOST_REPORTS.some((candidate) => candidate.test(text))) return taskIntent('mostReports', {});
	if (NO_REPORTS.some((candidate) => candidate.test(text))) return taskIntent('noReports', {});
	const span = firstMatch(text, SPAN);
	if (span && !/^(?:the\s+)?(?:average|mean|org(?:anization)?|company|typical|overall)\b/i.test(span.person)) {
		return taskIntent('spanOfControl', { person: cleanPerson(span.person) });
	}
	const peers = firstMatch(text, PEERS);
	if (peers) return taskIntent('peers', { person: cleanPerson(peers.person) });
	const place = firstMatch(text, PEOPLE_IN);
	if (place && !WHOLE_ORG.test(place.place) && !/'s\b|s'$/i.test(place.place)) {
		const suffix = place.suffix?.toLowerCase();
		const kind = suffix === 'office' ? 'location' : suffix ? 'department' : 'any';
		return taskIntent('peopleIn', { place: cleanValue(place.place), kind });
	}
	return null;
}
