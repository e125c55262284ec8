/** The program of a request that is one tool call: look up any qualified name first, call the tool, answer from its result. */
import type { PersonRef, ToolError } from '../../tools/types';
import { answerOutcome } from './answer';
import { text } from './escape';
import { PERSON_ARGUMENTS, type ToolIntent } from './intent-types';
import { resolvePeople } from './lookup';
import type { ActionOutcome, Outcome, Replay } from './replay';

const MOST_LISTED = 50;

function personOf(value: unknown): PersonRef | null {
	if (typeof value !== 'object' || value === null) return null;
	const { id, name, title } = value as Record<string, unknown>;
	return typeof id === 'string' && typeof name === 'string' ? { id, name, title: typeof title === 'string' ? title : '' } : null;
}

/** Who a result is about, so "him" in the next message means them. */
export function subjectOf(tool: string, outcome: Outcome): PersonRef | null {
	if (!outcome.ok) return null;
	if (tool === 'searchPeople') {
		const people = outcome.result.people as unknown[] | undefined;
		return outcome.result.total === 1 && people?.length === 1 ? personOf(people[0]) : null;
	}
	if (tool === 'removeUser' || tool === 'undoChange' || tool === 'getOrgStats') return null;
	return personOf(outcome.result.person);
}

/** Which person argument a refusal is about: the one its message quotes. */
function refusedArgument(error: ToolError, args: Record<string, unknown>): string | undefined {
	const named = PERSON_ARGUMENTS.filter((key) => typeof args[key] === 'string');
	return named.find((key) => error.message.includes(`"${args[key] as string}"`)) ?? named[0];
}

/** The list a result offers to choose from: the candidates of an ambiguous name, or the people it lists. */
function offerOf(intent: ToolIntent, args: Record<string, unknown>, outcome: Outcome): ActionOutcome['offer'] {
	if (!outcome.ok) {
		const candidates = outcome.error.candidates ?? [];
		const key = refusedArgument(outcome.error, args);
		if (candidates.length === 0 || !key) return undefined;
		const ref = intent.arguments[key] as string;
		return { people: candidates, query: ref, ref };
	}
	if (intent.name === 'searchPeople') {
		const people = ((outcome.result.people ?? []) as unknown[]).map(personOf).filter((person): person is PersonRef => person !== null);
		return people.length > 1 ? { people, query: String(args.query), ref: null } : undefined;
	}
	if (intent.name === 'getReports' && outcome.result.depth === 'direct') {
		const people = ((outcome.result.reports ?? []) as unknown[]).map(personOf).filter((person): person is PersonRef => person !== null);
		return people.length > 1 ? { people, query: null, ref: null } : undefined;
	}
	return undefined;
}

const FIELD_NAMES: Record<string, string> = { startDate: 'the start date' };

/** One tool call, after looking up any person named with a qualifier. */
export function runToolIntent(intent: ToolIntent, replay: Replay): ActionOutcome {
	const slots = PERSON_ARGUMENTS.flatMap((key) => (typeof intent.arguments[key] === 'string' ? [[key, intent.arguments[key] as string] as [string, string]] : []));
	const resolved = resolvePeople(replay, slots);
	if (!resolved.ok) return resolved.outcome;
	const args: Record<string, unknown> = { ...intent.arguments, ...resolved.args };
	// A field the tool does not take (a start date, when it has none) is said, not sent and silently lost.
	const dropped = Object.keys(args).filter((key) => !replay.tools.accepts(intent.name, key));
	const notes = dropped.map((key) => `${FIELD_NAMES[key] ?? key} (${text(String(args[key]))})`);
	for (const key of dropped) delete args[key];
	let outcome = replay.one({ name: intent.name, arguments: args });
	// A count lists everyone it counts: when the first page was short, fetch the rest (up to the tool's limit).
	if (intent.name === 'searchPeople' && outcome.ok && intent.arguments.limit === undefined) {
		const total = Number(outcome.result.total);
		const shown = ((outcome.result.people ?? []) as unknown[]).length;
		if (total > shown && shown < MOST_LISTED) outcome = replay.one({ name: 'searchPeople', arguments: { ...args, limit: Math.min(total, MOST_LISTED) } });
	}
	let answer = answerOutcome(intent.name, outcome);
	if (outcome.ok && notes.length > 0) {
		answer += `\n\nI couldn't record ${notes.join(' and ')}: the ${intent.name} tool has no field for it. You can set it when editing the person.`;
	}
	return { text: answer, subject: subjectOf(intent.name, outcome), offer: offerOf(intent, args, outcome) };
}
