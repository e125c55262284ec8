/** Composes the offline assistant's answer from the results of the tools it called. */
import type { ToolError } from '../../tools/types';
import type { ToolExchange } from './conversation';
import { answerChain, answerOrgStats, answerReports, answerSearch, answerUserInformation } from './answer-reads';
import { answerAddUser, answerMoveUser, answerRemoveUser, answerToolError, answerUndoChange, answerUpdateUser } from './answer-changes';

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

const MUTATING = new Set(['addUser', 'updateUser', 'moveUser', 'removeUser', 'undoChange']);

function isToolError(value: unknown): value is { error: ToolError } {
	if (typeof value !== 'object' || value === null || !('error' in value)) return false;
	const error = value.error;
	return typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string';
}

function answerOne(exchange: ToolExchange): string {
	if (exchange.result === null) return `The ${exchange.name} step has no result, so I can't say whether it worked.`;
	let parsed: unknown;
	try {
		parsed = JSON.parse(exchange.result);
	} catch {
		return `The ${exchange.name} step returned something I can't read.`;
	}
	if (isToolError(parsed)) return answerToolError(parsed.error, MUTATING.has(exchange.name));
	const compose = COMPOSERS[exchange.name];
	if (!compose) return `The ${exchange.name} step finished; its result is shown in the tool card above.`;
	try {
		return compose(parsed as never);
	} catch {
		// A result of another shape than expected: say so rather than invent a summary.
		return `The ${exchange.name} step finished, but I couldn't summarise its result; it is shown in the tool card above.`;
	}
}

/** One markdown answer covering every tool result of this turn, in order. */
export function composeAnswer(exchanges: ToolExchange[]): string {
	return exchanges.map(answerOne).join('\n\n');
}
