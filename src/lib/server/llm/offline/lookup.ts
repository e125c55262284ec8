/**
 * Turns the people a request names into tool arguments. Plain names and ids go to the tool as
 * written (it resolves them, and says when a name is ambiguous). A name with a qualifier ("Jane
 * Smith (Engineer)", "the Jane Smith in Design") or an email is searched for first and narrowed
 * down to the one person it describes, whose id then goes to the tool.
 */
import type { Person } from '$lib/protocol';
import { WHICH_ONE, answerToolError } from './answer-changes';
import { bold, quoted, text } from './escape';
import { loose, nameMatches, qualifierScore, readReference } from './references';
import type { ActionOutcome, Replay } from './replay';

export type Resolved = { ok: true; args: Record<string, string> } | { ok: false; outcome: ActionOutcome };

const SEARCH_LIMIT = 50;

function line(person: Person): string {
	const where = [person.department, person.location].filter(Boolean).map((value) => text(value as string));
	return `- ${bold(person.name)} (${text(person.title)})${where.length > 0 ? `, ${where.join(', ')}` : ''}`;
}

const ref = (person: Person) => ({ id: person.id, name: person.name, title: person.title });

/** The people the slots name, as arguments: ids for the ones looked up; or the answer when one cannot be told apart. */
export function resolvePeople(replay: Replay, slots: [key: string, value: string][]): Resolved {
	const lookups = slots.flatMap(([key, value]) => {
		const reference = readReference(value);
		return reference?.kind === 'lookup' ? [{ key, value, reference }] : [];
	});
	const args = Object.fromEntries(slots);
	if (lookups.length === 0) return { ok: true, args };
	const queries = [...new Set(lookups.map(({ reference }) => reference.name ?? reference.qualifier))];
	const outcomes = replay.all(queries.map((query) => ({ name: 'searchPeople' as const, arguments: { query, limit: SEARCH_LIMIT } })));
	for (const { key, value, reference } of lookups) {
		const outcome = outcomes[queries.indexOf(reference.name ?? reference.qualifier)];
		if (!outcome.ok) return { ok: false, outcome: { text: answerToolError(outcome.error, false) } };
		const found = (outcome.result.people ?? []) as Person[];
		const named = reference.name ? found.filter((person) => nameMatches(person.name, reference.name as string)) : found;
		let matches: Person[];
		if (reference.byEmail) matches = named.filter((person) => person.email && loose(person.email) === loose(reference.qualifier));
		else {
			const scores = named.map((person) => qualifierScore(person, reference.qualifier));
			const best = Math.max(0, ...scores);
			matches = best > 0 ? named.filter((_person, index) => scores[index] === best) : [];
		}
		if (matches.length === 1) {
			args[key] = matches[0].id;
			continue;
		}
		return { ok: false, outcome: notOne(reference.name, reference.qualifier, reference.byEmail, named, matches, value) };
	}
	return { ok: true, args };
}

/** The answer when the description fits nobody or several people, with the ones to choose from. */
function notOne(name: string | null, qualifier: string, byEmail: boolean, named: Person[], matches: Person[], value: string): ActionOutcome {
	const who = name ? bold(name) : 'anyone';
	if (named.length === 0) {
		const message = byEmail && !name ? `No one in this organization has the email ${quoted(qualifier)}.` : `No one named ${who} works in this organization. Check the spelling, or search with part of the name (for example "Find Jane").`;
		return { text: message };
	}
	const choices = matches.length > 1 ? matches : named;
	const lines =
		matches.length > 1
			? [`${choices.length} people named ${who} match ${quoted(qualifier)}:`]
			: [`No one named ${who} ${byEmail ? 'has the email' : 'matches'} ${quoted(qualifier)}. ${named.length === 1 ? 'There is' : 'There are'}:`];
	lines.push('', ...choices.map(line), '', WHICH_ONE);
	return { text: lines.join('\n'), offer: { people: choices.map(ref), query: name, ref: value } };
}
