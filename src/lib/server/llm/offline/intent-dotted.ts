/**
 * Reads dotted-line requests: a second manager besides the solid line ("Raj also reports to
 * Marcus (dotted line)", "add a dotted line from Raj to Marcus"), and taking one away.
 */
import { cleanPerson } from './names';
import { isPersonPhrase } from './references';
import { firstMatch, pattern, taskIntent, type OfflineIntent } from './intent-types';

const DOTTED = String.raw`dotted[\s-]*lines?`;
const MARK = String.raw`(?:\s*\(?\s*(?:on\s+a\s+|as\s+a\s+|via\s+a\s+|through\s+a\s+|with\s+a\s+)?${DOTTED}(?:\s+(?:manager|report(?:ing)?))?\s*\)?)`;

const ADD = [
	pattern(String.raw`^(?<person>.+?)\s+(?:also|additionally)\s+(?:reports?|is\s+reporting|should\s+report|will\s+report)\s+to\s+(?<manager>.+?)${MARK}?$`),
	// Two open-ended groups before a fixed ending: the ending is checked once first, so a text without it fails at once.
	pattern(String.raw`^(?=.*${MARK}$)(?<person>.+?)\s+(?:reports?|is\s+reporting|should\s+report|will\s+report)\s+(?:also\s+)?to\s+(?<manager>.+?)${MARK}$`),
	pattern(String.raw`^(?<person>.+?)\s+(?:has|gets|should\s+have|now\s+has)\s+a\s+${DOTTED}\s+(?:to|with|into)\s+(?<manager>.+)$`),
	pattern(String.raw`^(?<person>.+?)\s+${DOTTED}\s+reports?\s+to\s+(?<manager>.+)$`),
	pattern(String.raw`^(?:add|create|draw|set\s+up|set|give|make)\s+(?:a\s+|the\s+)?${DOTTED}\s+(?:from\s+)?(?<person>.+?)\s+(?:to|into)\s+(?<manager>.+)$`),
	pattern(String.raw`^(?:make|add|set)\s+(?<manager>.+?)\s+(?:as\s+)?(?:a|the|an\s+extra|another)\s+${DOTTED}\s+manager\s+(?:of|for|to)\s+(?<person>.+)$`),
	pattern(String.raw`^(?=.*\s${DOTTED}\s+manager$)(?:make|add|set)\s+(?<manager>.+?)\s+(?:as\s+)?(?<person>.+?)'S\s+(?:second\s+|extra\s+|additional\s+)?${DOTTED}\s+manager$`),
	pattern(String.raw`^(?:give|add)\s+(?<person>.+?)\s+(?:a\s+)?${DOTTED}\s+(?:to|under)\s+(?<manager>.+)$`)
];

const REMOVE = [
	pattern(String.raw`^(?:remove|delete|drop|end|cut|clear)\s+(?:the\s+)?${DOTTED}\s+(?:from|between|of)\s+(?<person>.+?)\s+(?:to|and|with)\s+(?<manager>.+)$`),
	pattern(String.raw`^(?=.*${MARK}$)(?<person>.+?)\s+no\s+longer\s+(?:also\s+)?(?:reports?|has\s+a\s+${DOTTED})\s+to\s+(?<manager>.+?)${MARK}$`),
	pattern(String.raw`^(?<person>.+?)\s+no\s+longer\s+has\s+a\s+${DOTTED}\s+(?:to|with)\s+(?<manager>.+)$`),
	pattern(String.raw`^(?=.*\s${DOTTED}\s+manager$)(?:remove|delete|drop)\s+(?<manager>.+?)\s+as\s+(?<person>.+?)'S\s+${DOTTED}\s+manager$`)
];

/** An addDottedLine or removeDottedLine task, or null. */
export function readDottedLineRequest(text: string): OfflineIntent | null {
	for (const [patterns, name] of [
		[REMOVE, 'removeDottedLine'],
		[ADD, 'addDottedLine']
	] as const) {
		const groups = firstMatch(text, patterns);
		if (groups && isPersonPhrase(groups.person) && isPersonPhrase(groups.manager)) {
			return taskIntent(name, { person: cleanPerson(groups.person), manager: cleanPerson(groups.manager) });
		}
	}
	return null;
}
