/**
 * Answers to "which one did you mean?": a position ("the second one"), what sets the person apart
 * ("the one in Design", "the Engineer one"), or a fuller name. The request that waited for the
 * choice is read again with the chosen person in place of the ambiguous name.
 */
import type { Context, Offer } from './conversation';
import { text } from './escape';
import { PERSON_ARGUMENTS, toolIntent, type ActionIntent, type OfflineIntent } from './intent-types';
import { isEmail, loose, qualifierScore, readPick, readReference, type Pick } from './references';

/** How the intent reader reads another message, and whether a text is a request of its own. */
export type Reread = { read: (text: string, context: Context) => ActionIntent[]; isRequest: (text: string) => boolean };

const YES = /^(?:yes|yep|yeah|yup|correct|right|sure|that\s+one|that's\s+(?:the\s+one|right|them|him|her)|exactly)$/i;

function clarify(message: string): OfflineIntent {
	return { kind: 'reply', reason: 'clarify', text: message };
}

/** The intents, as one intent or several. */
export function asIntent(intents: ActionIntent[]): OfflineIntent {
	return intents.length === 1 ? intents[0] : { kind: 'many', intents };
}

/** The same intents with every person argument equal to `ref` replaced by `value`; only the intents that had one. */
export function replacePerson(intents: ActionIntent[], ref: string, value: string): ActionIntent[] {
	const key = loose(ref);
	return intents.flatMap((intent) => {
		let replaced = false;
		const args = { ...intent.arguments };
		for (const name of PERSON_ARGUMENTS) {
			if (typeof args[name] === 'string' && loose(args[name] as string) === key) {
				args[name] = value;
				replaced = true;
			}
		}
		return replaced ? [{ ...intent, arguments: args }] : [];
	});
}

/** The chosen person as a tool argument (an id, or a name with a qualifier to look up), or why none. */
export function choose(pick: Pick, offer: Offer): { value: string } | { problem: string } {
	const { people } = offer;
	if (pick.kind === 'position') {
		const chosen = pick.index < 0 ? people.at(pick.index) : people[pick.index];
		if (chosen) return { value: chosen.id };
		return { problem: `I listed ${people.length === 1 ? 'only one person' : `only ${people.length} people`}. Which one do you mean?` };
	}
	if (isEmail(pick.qualifier)) return { value: pick.qualifier };
	// The titles are in the list already; a department or an office needs a search.
	const scored = people.map((person) => ({ person, score: qualifierScore({ title: person.title, department: null, location: null, email: null }, pick.qualifier) }));
	const best = Math.max(0, ...scored.map((entry) => entry.score));
	const top = scored.filter((entry) => entry.score === best && best > 0);
	if (top.length === 1) return { value: top[0].person.id };
	const name = offer.query ?? people[0]?.name ?? '';
	return { value: `${name} (${pick.qualifier})` };
}

/** The message read as a choice from the list the conversation offered, or null when it is not one. */
export function readPicked(clean: string, context: Context, reread: Reread): OfflineIntent | null {
	const { offer } = context;
	let pick = readPick(clean);
	if (!pick && offer?.people.length === 1 && YES.test(clean)) pick = { kind: 'position', index: 0 };
	let value: string;
	if (pick) {
		if (!offer) return clarify("I haven't listed anyone to choose from. Please say who you mean by name, for example \"Who is Jane Smith?\".");
		const chosen = choose(pick, offer);
		if ('problem' in chosen) return clarify(chosen.problem);
		value = chosen.value;
	} else if (offer?.retry && readReference(clean) !== null && !reread.isRequest(clean)) {
		value = clean;
	} else return null;
	if (!offer.retry) return toolIntent('getUserInformation', { person: value });
	const again = replacePerson(reread.read(offer.retry.text, offer.retry.context), offer.retry.ref, value);
	if (again.length > 0) return asIntent(again);
	return clarify(`I couldn't tell which request that choice was for. Please ask again, naming the person in full, for example "${text(offer.people[0]?.name ?? 'Jane Smith')}".`);
}
