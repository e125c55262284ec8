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

/**
 * Requests that take more than one tool call, whose steps depend on what the first calls return
 * (who the managers are, someone's peers, a dotted line added to the ones a person already has).
 */
export type OfflineTaskName =
	| 'listManagers'
	| 'mostReports'
	| 'noReports'
	| 'spanOfControl'
	| 'peers'
	| 'peopleIn'
	| 'addDottedLine'
	| 'removeDottedLine';

/** One tool call to make. */
export type ToolIntent = { kind: 'tool'; name: OfflineToolName; arguments: Record<string, unknown> };
/** A request of several dependent tool calls. */
export type TaskIntent = { kind: 'task'; name: OfflineTaskName; arguments: Record<string, unknown> };
/** Something to do with the chart. */
export type ActionIntent = ToolIntent | TaskIntent;
export type ReplyReason = 'greeting' | 'help' | 'thanks' | 'decline' | 'clarify' | 'unclear';
/** A reply to give straight away (help, greeting, decline, a question back). */
export type ReplyIntent = { kind: 'reply'; reason: ReplyReason; text: string };

/** Either one thing to do, several in order (a compound request), or a reply. */
export type OfflineIntent = ActionIntent | ReplyIntent | { kind: 'many'; intents: ActionIntent[] };

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
export function toolIntent(name: OfflineToolName, args: Record<string, unknown>): ToolIntent {
	return { kind: 'tool', name, arguments: args };
}

/** A task intent. */
export function taskIntent(name: OfflineTaskName, args: Record<string, unknown>): TaskIntent {
	return { kind: 'task', name, arguments: args };
}

/** The intents of a reading, as a list (empty for a reply). */
export function actionsOf(intent: OfflineIntent): ActionIntent[] {
	if (intent.kind === 'many') return intent.intents;
	return intent.kind === 'reply' ? [] : [intent];
}

/** The arguments that name a person (a name, an id, or a qualified name like "Jane Smith (Engineer)"). */
export const PERSON_ARGUMENTS = ['person', 'manager', 'newManager', 'reassignReportsTo'] as const;

/** True for the tools and tasks that change people. */
export function changesPeople(intent: ActionIntent): boolean {
	if (intent.kind === 'task') return intent.name === 'addDottedLine' || intent.name === 'removeDottedLine';
	return ['addUser', 'updateUser', 'moveUser', 'removeUser', 'undoChange'].includes(intent.name);
}
