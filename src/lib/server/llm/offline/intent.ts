/** The offline assistant's reading of one request: which tool to call with which arguments, or what to reply. */
import { readAddRequest } from './intent-add';
import { readMoveRequest, readRemoveRequest, readUpdateRequest } from './intent-changes';
import { readQuestion } from './intent-reads';
import { toolIntent, type IntentReader, type OfflineIntent } from './intent-types';
import { isPronoun, normalizeQuotes, trimEndWhere } from './names';
import { DECLINE_TEXT, GREETING_TEXT, HELP_TEXT, ORG_WORDS, THANKS_TEXT, UNCLEAR_TEXT, pronounText } from './replies';

export type { OfflineIntent, OfflineToolName } from './intent-types';

const GREETING = /^(?:hi|hello|hey|hiya|howdy|yo|greetings|good\s+(?:morning|afternoon|evening|day))(?:\s+(?:there|everyone|all|assistant|bot|organichart))?$/i;
const HELP =
	/^(?:help|help\s+me|\?|menu|commands|examples?|i\s+need\s+help|can\s+you\s+help(?:\s+me)?|what\s+can\s+(?:you|i)\s+(?:do|ask)(?:\s+(?:here|you))?|what\s+do\s+you\s+do|what\s+are\s+you|who\s+are\s+you|how\s+does\s+this\s+work|how\s+do\s+i\s+use\s+(?:this|you)|what\s+are\s+your\s+(?:capabilities|features)|show\s+(?:me\s+)?(?:the\s+)?help)$/i;
/** "undo", "undo that", "undo the last change", "revert that": the latest change of this conversation. */
const UNDO =
	/^(?:undo|revert|reverse|roll\s+back|take\s+back)(?:\s+(?:that|this|it|(?:the|my)\s+(?:last|latest|previous)\s+(?:change|edit|action|one)|(?:the|that|this)\s+(?:change|edit|action)|what\s+you\s+(?:just\s+)?did))?$/i;
const THANKS = /^(?:thanks|thank\s+you|thx|ty|cheers|great|perfect|awesome|nice|ok|okay|cool|got\s+it)(?:\s+(?:so\s+much|a\s+lot|very\s+much))?$/i;

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

/** Changes first (their verbs are specific), then questions. */
const READERS: IntentReader[] = [readAddRequest, readRemoveRequest, readUpdateRequest, readMoveRequest, readQuestion];

const PERSON_ARGUMENTS = ['person', 'manager', 'newManager', 'reassignReportsTo'];

/** Understands one user message. Anything outside the org chart is declined honestly, never guessed at. */
export function parseRequest(text: string): OfflineIntent {
	const clean = normalizeRequest(text);
	if (GREETING.test(trimEndWhere(normalizeQuotes(text), /[\s.!?,]/).trim())) return { kind: 'reply', reason: 'greeting', text: GREETING_TEXT };
	if (clean === '' || HELP.test(clean)) return { kind: 'reply', reason: 'help', text: HELP_TEXT };
	if (THANKS.test(clean)) return { kind: 'reply', reason: 'thanks', text: THANKS_TEXT };
	if (UNDO.test(clean)) return toolIntent('undoChange', {});
	for (const read of READERS) {
		const intent = read(clean);
		if (!intent) continue;
		if (intent.kind === 'tool') {
			const vague = PERSON_ARGUMENTS.map((key) => intent.arguments[key]).find(
				(value) => typeof value === 'string' && isPronoun(value)
			);
			if (typeof vague === 'string') return { kind: 'reply', reason: 'clarify', text: pronounText(vague) };
		}
		return intent;
	}
	// About the org chart but not in a form it knows: say so, rather than calling it off-topic.
	if (ORG_WORDS.test(clean)) return { kind: 'reply', reason: 'unclear', text: UNCLEAR_TEXT };
	return { kind: 'reply', reason: 'decline', text: DECLINE_TEXT };
}
