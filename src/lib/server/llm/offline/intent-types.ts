/** What the offline assistant understood a request to be. */
import { POSSESSIVE } from './names';

export type OfflineToolName =
	| 'getUserInformation'
	| 'searchPeople'
	| 'addUser'
	| 'updateUser'
	| 'moveUser'
	| 'removeUser'
	| 'getReports'
	| 'getChainOfCommand'
	| 'getOrgStats'
	| 'undoChange';

/** Either one tool call to make, or a reply to give straight away (help, greeting, decline, a question back). */
export type OfflineIntent =
	| { kind: 'tool'; name: OfflineToolName; arguments: Record<string, unknown> }
	| { kind: 'reply'; reason: 'greeting' | 'help' | 'thanks' | 'decline' | 'clarify' | 'unclear'; text: string };

/** A reader for one family of requests: the intent, or null when the text is not of that family. */
export type IntentReader = (text: string) => OfflineIntent | null;

/** Builds a case-insensitive Unicode pattern; `'S` in the source stands for a possessive ending. */
export function pattern(source: string): RegExp {
	return new RegExp(source.replaceAll("'S", POSSESSIVE), 'iu');
}

/** The named groups of the first pattern that matches the whole text, or null. */
export function firstMatch(text: string, patterns: RegExp[]): Record<string, string> | null {
	for (const candidate of patterns) {
		const groups = candidate.exec(text)?.groups;
		if (groups) return Object.fromEntries(Object.entries(groups).filter((entry): entry is [string, string] => entry[1] !== undefined));
	}
	return null;
}

/** A tool intent. */
export function toolIntent(name: OfflineToolName, args: Record<string, unknown>): OfflineIntent {
	return { kind: 'tool', name, arguments: args };
}
