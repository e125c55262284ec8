/**
 * What the conversation before a message tells about it, worked out turn by turn from the start:
 * each earlier message is read again with the context it had, and its requests replayed over the
 * results it got, so "him", "the second one" and "undo that" mean what they meant to the user.
 */
import { emptyContext, type Context, type Turn } from './conversation';
import { readMessage } from './intent';
import { actionsOf } from './intent-types';
import { replayTurn } from './plan';
import { subjectOf } from './programs';
import { outcomeOf, type OfferedTools } from './replay';

const CHANGING = new Set(['addUser', 'updateUser', 'moveUser', 'removeUser']);

/** The change ids a turn made, and the ones it undid. */
function changesOf(turn: Turn): { made: string[]; undone: string[] } {
	const made: string[] = [];
	const undone: string[] = [];
	for (const exchange of turn.exchanges) {
		const outcome = outcomeOf(exchange);
		if (!outcome.ok) continue;
		const { changeId } = outcome.result;
		if (CHANGING.has(exchange.name) && typeof changeId === 'string') made.push(changeId);
		if (exchange.name === 'undoChange') {
			const reverted = (outcome.result.undone as { id?: unknown } | undefined)?.id;
			if (typeof reverted === 'string') undone.push(reverted);
		}
	}
	return { made, undone };
}

/** The context after one more turn. */
function advance(context: Context, turn: Turn, tools: OfferedTools): Context {
	const intents = actionsOf(readMessage(turn.userText, context));
	const outcomes = replayTurn(intents, turn.exchanges, tools).filter((outcome) => outcome !== undefined);
	// Who the turn was about; a turn whose requests do not replay (another model wrote it) still names people in its results.
	const fromResults = turn.exchanges.map((exchange) => subjectOf(exchange.name, outcomeOf(exchange))).findLast((subject) => subject);
	const subject = outcomes.map((outcome) => outcome.subject).findLast((person) => person) ?? (outcomes.length === 0 ? fromResults : null);
	const offered = outcomes.find((outcome) => outcome.offer)?.offer;
	const { made, undone } = changesOf(turn);
	return {
		today: context.today,
		focus: subject ?? context.focus,
		offer: offered
			? { people: offered.people, query: offered.query, retry: offered.ref ? { text: turn.userText, ref: offered.ref, context } : null }
			: null,
		changes: {
			groups: made.length > 0 ? [...context.changes.groups, made] : context.changes.groups,
			undone: [...context.changes.undone, ...undone]
		},
		previous: intents.length > 0 ? { text: turn.userText, context } : context.previous
	};
}

/** The context of the message after these turns. */
export function contextAfter(turns: Turn[], today: string, tools: OfferedTools): Context {
	let context = emptyContext(today);
	for (const turn of turns) context = advance(context, turn, tools);
	return context;
}
