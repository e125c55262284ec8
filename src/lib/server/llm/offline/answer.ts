/** Composes the offline assistant's answer to one tool's result. */
import { answerChain, answerOrgStats, answerReports, answerSearch, answerUserInformation } from './answer-reads';
import { answerAddUser, answerMoveUser, answerRemoveUser, answerToolError, answerUndoChange, answerUpdateUser } from './answer-changes';
import type { Outcome } from './replay';

type Composer = (result: never) => string;

/** Result JSON shapes are the contract in tools/types.ts; each composer reads its own tool's result. */
const COMPOSERS: Record<string, Composer> = {
	getUserInformation: answerUserInformation,
	searchPeople: answerSearch,
	getReports: answerReports,
	getChainOfCommand: answerChain,
	getOrgStats: answerOrgStats,
	addUser: answerAddUser,
	updateUser: answerUpdateUser,
	moveUser: answerMoveUser,
	removeUser: answerRemoveUser,
	undoChange: answerUndoChange
};

export const MUTATING_TOOLS: ReadonlySet<string> = new Set(['addUser', 'updateUser', 'moveUser', 'removeUser', 'undoChange']);

/** Said when a result was cut to fit, so a partial list is never passed off as complete. */
export const TRUNCATED_NOTE = '_The result was too long to read in full, so this list is incomplete. Ask a narrower question to see the rest._';

/** The answer for one tool's result or refusal. */
export function answerOutcome(name: string, outcome: Outcome): string {
	if (!outcome.ok) return answerToolError(outcome.error, MUTATING_TOOLS.has(name));
	const compose = COMPOSERS[name];
	if (!compose) return `The ${name} step finished; its result is shown in the tool card above.`;
	try {
		const answer = compose(outcome.result as never);
		return outcome.result.truncated ? `${answer}\n\n${TRUNCATED_NOTE}` : answer;
	} catch {
		// A result of another shape than expected: say so rather than invent a summary.
		return `The ${name} step finished, but I couldn't summarise its result; it is shown in the tool card above.`;
	}
}
