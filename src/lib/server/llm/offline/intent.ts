/**
 * The offline assistant's reading of one message in its conversation: what to do (one or several
 * tool calls or tasks, in order), or what to reply. Pronouns, picks from an offered list and
 * follow-ups ("what about Marcus?") are read with what the conversation so far tells.
 */
import { replacePronouns, splitClauses } from './compound';
import { emptyContext, type Context } from './conversation';
import { readAddRequest } from './intent-add';
import { readMoveRequest, readRemoveRequest } from './intent-changes';
import { readUpdateRequest } from './intent-update';
import { readDottedLineRequest } from './intent-dotted';
import { readOrgQuestion } from './intent-org';
import { readQuestion } from './intent-reads';
import { actionsOf, changesPeople, PERSON_ARGUMENTS, toolIntent, type ActionIntent, type OfflineIntent } from './intent-types';
import { bold } from './escape';
import { cleanPerson, isPronoun, normalizeQuotes, trimEndWhere } from './names';
import { asIntent, readPicked, replacePerson, type Reread } from './picks';
import { PLACEHOLDER, readReference } from './references';
import { DECLINE_TEXT, GREETING_TEXT, HELP_TEXT, ORG_WORDS, THANKS_TEXT, UNCLEAR_TEXT, pronounText } from './replies';

export type { OfflineIntent, OfflineToolName } from './intent-types';

const GREETING = /^(?:hi|hello|hey|hiya|howdy|yo|greetings|good\s+(?:morning|afternoon|evening|day))(?:\s+(?:there|everyone|all|assistant|bot|organichart))?$/i;
const HELP =
	/^(?:help|help\s+me|\?|menu|commands|examples?|i\s+need\s+help|can\s+you\s+help(?:\s+me)?|what\s+can\s+(?:you|i)\s+(?:do|ask)(?:\s+(?:here|you))?|what\s+do\s+you\s+do|what\s+are\s+you|who\s+are\s+you|how\s+does\s+this\s+work|how\s+do\s+i\s+use\s+(?:this|you)|what\s+are\s+your\s+(?:capabilities|features)|show\s+(?:me\s+)?(?:the\s+)?help)$/i;
/** "undo", "undo that", "undo the last change", "revert that": the latest change of this conversation. */
const UNDO =
	/^(?:undo|revert|reverse|roll\s+back|take\s+back)(?:\s+(?:that|this|it|(?:the|my)\s+(?:last|latest|previous)\s+(?:change|changes|edit|action|one)|(?:the|that|this|those|these)\s+(?:change|changes|edit|edits|action)|what\s+you\s+(?:just\s+)?did))?$/i;
const THANKS = /^(?:thanks|thank\s+you|thx|ty|cheers|great|perfect|awesome|nice|ok|okay|cool|got\s+it)(?:\s+(?:so\s+much|a\s+lot|very\s+much))?$/i;
/** "and Marcus?", "what about Marcus?": the previous question, about someone else. */
const FOLLOW_UP = /^(?:and|what\s+about|how\s+about|same\s+for|and\s+for|and\s+what\s+about|what\s+of|now\s+for)\s+(?<rest>.+)$/i;

/** Politeness and fillers around a request, which change nothing about it. */
const LEADING_FILLER =
	/^(?:(?:hi|hello|hey)(?:\s+there)?\s*[,!.]\s*|(?:ok(?:ay)?|so|and|also|now)\s*,?\s+|(?:please|pls|kindly)\s+|(?:can|could|would|will)\s+you\s+(?:please\s+)?|i\s+(?:want|need|would\s+like|'d\s+like)\s+(?:you\s+)?to\s+|(?:let's|lets)\s+)+/i;
const TRAILING_FILLER = /\s*,?\s+(?:please|pls|thanks|thank\s+you)$/i;
const END_PUNCTUATION = /[\s.!?]/;

/** Text without a closing "please"/"thanks" and end punctuation; the pattern only sees the tail, so it stays linear. */
function withoutTrailingFiller(text: string): string {
	const clean = trimEndWhere(text, END_PUNCTUATION);
	const tailStart = Math.max(0, clean.length - 40);
	const filler = TRAILING_FILLER.exec(clean.slice(tailStart));
	return filler ? clean.slice(0, tailStart + filler.index) : clean;
}

/** One line of text, quotes straightened, fillers and end punctuation removed. */
export function normalizeRequest(text: string): string {
	let clean = normalizeQuotes(text).replace(/\s+/g, ' ').trim();
	clean = withoutTrailingFiller(clean.replace(LEADING_FILLER, ''));
	return clean.trim();
}

/** Changes first (their verbs are specific), then the questions of several steps, then the plain questions. */
function readClause(text: string, today: string): OfflineIntent | null {
	return (
		readDottedLineRequest(text) ??
		readAddRequest(text, today) ??
		readRemoveRequest(text) ??
		readUpdateRequest(text) ??
		readMoveRequest(text) ??
		readOrgQuestion(text) ??
		readQuestion(text)
	);
}

/** Who an intent is about, for a pronoun in the next clause. */
function subjectOf(intent: ActionIntent): string | null {
	const args = intent.arguments;
	if (intent.kind === 'tool' && intent.name === 'addUser') return typeof args.name === 'string' && args.name ? args.name : null;
	return typeof args.person === 'string' ? args.person : null;
}

/** Puts the referents back where the readers saw their stand-ins. */
function withReferents(intent: ActionIntent, referents: string[]): ActionIntent {
	const swap = (value: unknown): unknown => {
		if (typeof value === 'string') {
			const whole = PLACEHOLDER.exec(value);
			if (whole) return referents[Number(whole[1])] ?? value;
			return value.replace(/\uE000(\d{1,3})\uE001/g, (_all, index: string) => referents[Number(index)] ?? '');
		}
		if (Array.isArray(value)) return value.map(swap);
		if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, swap(inner)]));
		return value;
	};
	return { ...intent, arguments: swap(intent.arguments) as Record<string, unknown> };
}

type Reading = { intents: ActionIntent[] } | { reply: OfflineIntent };

/** Reads each clause, a pronoun meaning the person of the clause before (or of the conversation). */
function readClauses(clauses: string[], context: Context): Reading {
	const intents: ActionIntent[] = [];
	let referent = context.focus?.id ?? null;
	for (const clause of clauses) {
		const referents: string[] = [];
		const intent = readClause(replacePronouns(clause, referent, referents), context.today);
		if (!intent) return { reply: unclearOrDecline(clause) };
		if (intent.kind === 'reply') return { reply: intent };
		const read = actionsOf(intent).map((action) => withReferents(action, referents));
		intents.push(...read);
		if (read.length === 1) referent = subjectOf(read[0]) ?? referent;
	}
	return { intents };
}

function unclearOrDecline(text: string): OfflineIntent {
	// About the org chart but not in a form it knows: say so, rather than calling it off-topic.
	if (ORG_WORDS.test(text)) return { kind: 'reply', reason: 'unclear', text: UNCLEAR_TEXT };
	return { kind: 'reply', reason: 'decline', text: DECLINE_TEXT };
}

/** Reads a request as clauses; if a clause is not understood, as one request after all. */
function readRequest(clean: string, context: Context): OfflineIntent {
	const clauses = splitClauses(clean);
	const split = readClauses(clauses, context);
	if ('intents' in split) return asIntent(split.intents);
	if (clauses.length === 1) return split.reply;
	const whole = readClauses([clean], context);
	if ('intents' in whole) return asIntent(whole.intents);
	// Read whole, the request was understood but needs something more: that question is the better one.
	return whole.reply.kind === 'reply' && whole.reply.reason === 'clarify' ? whole.reply : split.reply;
}

/** "what about Marcus?" after a question about someone else: the same question about Marcus. */
function readFollowUp(text: string, context: Context): OfflineIntent | null {
	const rest = FOLLOW_UP.exec(normalizeQuotes(text).replace(/\s+/g, ' ').trim())?.groups?.rest;
	if (!rest || !context.previous) return null;
	const person = normalizeRequest(rest);
	if (readClause(replacePronouns(person, context.focus?.id ?? null, []), context.today)) return null;
	if (readReference(person) === null) return null;
	const before = actionsOf(readMessage(context.previous.text, context.previous.context));
	const first = before[0] && (before[0].arguments.person as string | undefined);
	if (!first) return null;
	// A change is not repeated on a guess: the user says it in full.
	if (before.some(changesPeople)) {
		return { kind: 'reply', reason: 'clarify', text: `Do you want the same change for ${bold(cleanPerson(person))}? Please say it in full, so I make exactly the change you mean.` };
	}
	const again = replacePerson(before, first, person);
	return again.length > 0 ? asIntent(again) : null;
}

/** Refuses a request that names someone only as "her" or "my" when nobody in the conversation is meant. */
function vaguePerson(intent: OfflineIntent): OfflineIntent | null {
	for (const action of actionsOf(intent)) {
		const vague = [...PERSON_ARGUMENTS].map((key) => action.arguments[key]).find((value) => typeof value === 'string' && isPronoun(value));
		if (typeof vague === 'string') return { kind: 'reply', reason: 'clarify', text: pronounText(vague) };
	}
	return null;
}

function undoIntent(context: Context): OfflineIntent {
	const undone = new Set(context.changes.undone);
	const latest = context.changes.groups.map((group) => group.filter((id) => !undone.has(id))).findLast((group) => group.length > 0);
	// Without a change this conversation knows of, the tool finds the latest one itself.
	if (!latest) return toolIntent('undoChange', {});
	return asIntent([...latest].reverse().map((changeId) => toolIntent('undoChange', { changeId })));
}

const REREAD: Reread = {
	read: (text, context) => actionsOf(readMessage(text, context)),
	isRequest: (text) => readClause(text, emptyContext().today) !== null
};

/** Understands one user message in its conversation. Anything outside the org chart is declined honestly, never guessed at. */
export function readMessage(text: string, context: Context = emptyContext()): OfflineIntent {
	const clean = normalizeRequest(text);
	if (GREETING.test(trimEndWhere(normalizeQuotes(text), /[\s.!?,]/).trim())) return { kind: 'reply', reason: 'greeting', text: GREETING_TEXT };
	if (clean === '' || HELP.test(clean)) return { kind: 'reply', reason: 'help', text: HELP_TEXT };
	if (THANKS.test(clean)) return { kind: 'reply', reason: 'thanks', text: THANKS_TEXT };
	if (UNDO.test(clean)) return undoIntent(context);
	const picked = readPicked(clean, context, REREAD);
	if (picked) return picked;
	const followUp = readFollowUp(text, context);
	if (followUp) return followUp;
	const intent = readRequest(clean, context);
	if (intent.kind === 'reply' && intent.reason === 'decline' && isBareName(clean)) return toolIntent('getUserInformation', { person: clean });
	return vaguePerson(intent) ?? intent;
}

/** A message that is only a person ("Tom Becker", "Jane Smith in Design"): a look-up, as a search box would take it. */
function isBareName(text: string): boolean {
	const reference = readReference(text);
	if (!reference) return false;
	if (reference.kind === 'lookup') return reference.name === null ? reference.byEmail : capitalized(reference.name, 1);
	return capitalized(text, 2);
}

/** Two to four words (at least `fewest`), each with a capital first letter, as names are written. */
function capitalized(name: string, fewest: number): boolean {
	const words = name.split(' ');
	return words.length >= fewest && words.length <= 4 && words.every((word) => /^\p{Lu}/u.test(word));
}

/** Understands one message on its own, outside any conversation. */
export function parseRequest(text: string): OfflineIntent {
	return readMessage(text);
}
