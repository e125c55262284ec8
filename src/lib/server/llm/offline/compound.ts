/**
 * Compound requests and pronouns: "Move Raj under Jane and change his title to Senior SRE" is two
 * requests, and "his" is Raj. Both work word by word, in one pass.
 */
import { trimEndWhere } from './names';
import { placeholder } from './references';

/** Words that start a request of their own after "and", "then", a comma or a full stop. */
const VERBS = new Set(
	'add hire onboard create move transfer put make change update set edit rename promote demote remove delete fire terminate offboard give mark undo revert show list find search tell open appoint let have who whos who\'s what what\'s whats how'.split(' ')
);
/** Verbs that, with "reports" or "team" a few words on, continue a removal ("…and reassign her reports to José"). */
const HANDOVER_VERBS = new Set(['reassign', 'give', 'hand', 'transfer', 'send', 'move']);
const HANDOVER_OBJECTS = new Set(['reports', 'team', 'people', 'staff', 'directs']);
const JOINERS = new Set(['and', 'then', '&', 'also', 'plus']);
const MAX_CLAUSES = 6;

/** A word without the punctuation after it, in lower case; long words are no verb or pronoun, so they are not looked into. */
function bare(word: string | undefined): string {
	if (!word || word.length > 30) return '';
	return trimEndWhere(word, /[,;.:!?]/).toLowerCase();
}

function isHandover(words: string[], at: number): boolean {
	if (!HANDOVER_VERBS.has(bare(words[at]))) return false;
	for (let offset = 1; offset <= 5; offset++) if (HANDOVER_OBJECTS.has(bare(words[at + offset]))) return true;
	return false;
}

/**
 * The clauses of a request, split where a new verb starts after "and"/"then"/a comma/a full stop.
 * A request without such a place is one clause. "Who" after a comma belongs to the clause before
 * ("Add Ann as engineer, who reports to Jane").
 */
export function splitClauses(text: string): string[] {
	const words = text.split(' ');
	const clauses: string[] = [];
	let start = 0;
	for (let at = 1; at < words.length && clauses.length < MAX_CLAUSES - 1; at++) {
		const previous = words[at - 1];
		const punctuated = /[,;.]$/.test(previous);
		let verbAt = at;
		while (JOINERS.has(bare(words[verbAt])) && verbAt < at + 2) verbAt++;
		const joined = verbAt > at;
		if (!punctuated && !joined) continue;
		const verb = bare(words[verbAt]);
		if (!VERBS.has(verb) || isHandover(words, verbAt)) continue;
		if (!joined && /^who/.test(verb) && previous.endsWith(',')) continue;
		clauses.push(words.slice(start, at).join(' ').replace(/[,;.]$/, ''));
		start = verbAt;
		at = verbAt;
	}
	clauses.push(words.slice(start).join(' '));
	return clauses.filter((clause) => clause.trim() !== '');
}

const SUBJECT = new Set(['he', 'she', 'they']);
const OBJECT = new Set(['him', 'them']);
const POSSESSIVE = new Set(['his', 'their']);
/** What "her" can own: "her manager" is possessive, "move her to Marcus" is not. */
const OWNED = new Set(
	'manager managers boss title role reports report team department dept email e-mail location office peers span chain job name direct dotted dotted-line position colleagues teammates coworkers co-workers supervisor start whole entire org organization details profile info information reporting line skip-level city own'.split(' ')
);

/**
 * The text with third-person pronouns replaced by a stand-in for `referent` (its index in
 * `referents`, added there): "change his title" → "change ⟨0⟩'s title". Unchanged without a referent.
 */
export function replacePronouns(text: string, referent: string | null, referents: string[]): string {
	if (referent === null) return text;
	const words = text.split(' ');
	const out: string[] = [];
	let index = -1;
	const stand = () => {
		if (index < 0) {
			index = referents.length;
			referents.push(referent);
		}
		return placeholder(index);
	};
	for (let at = 0; at < words.length; at++) {
		const match = words[at].length > 30 ? null : /^(?<word>[a-z]+)(?<rest>[,;.:!?)]*)$/i.exec(words[at]);
		const word = match?.groups?.word.toLowerCase() ?? '';
		const rest = match?.groups?.rest ?? '';
		const next = bare(words[at + 1]);
		if (POSSESSIVE.has(word) || (word === 'her' && rest === '' && OWNED.has(next))) out.push(`${stand()}'s${rest}`);
		else if (SUBJECT.has(word) || OBJECT.has(word) || word === 'her') out.push(`${stand()}${rest}`);
		else if ((word === 'this' || word === 'that') && rest === '' && /^person[,;.:!?)]*$/i.test(words[at + 1] ?? '')) {
			out.push(`${stand()}${words[at + 1].slice('person'.length)}`);
			at++;
		} else out.push(words[at]);
	}
	return out.join(' ');
}
