/**
 * Runs the requests of one message as programs over the tool results the conversation holds, and
 * says what comes next: more tool calls, or the answer. Calls carry their request's number in their
 * id, so each result finds its way back to the program that asked for it.
 */
import { randomUUID } from 'node:crypto';
import type { ToolExchange } from './conversation';
import { changesPeople, type ActionIntent } from './intent-types';
import { MUTATING_TOOLS } from './answer';
import { runToolIntent } from './programs';
import { NeedCalls, Replay, ToolUnavailable, type ActionOutcome, type OfferedTools, type PlannedCall } from './replay';
import { runTask } from './tasks';

const ID_PREFIX = 'call_offline_';
const ACTION_OF_ID = /^call_offline_(\d{1,3})_/;

/** A fresh call id that names the request it belongs to. */
export function callId(action: number): string {
	return `${ID_PREFIX}${action}_${randomUUID().replaceAll('-', '').slice(0, 20)}`;
}

/** The results that belong to each request, in the order they were made. */
function exchangesByAction(exchanges: ToolExchange[], count: number): ToolExchange[][] {
	const owned: ToolExchange[][] = Array.from({ length: count }, () => []);
	for (const exchange of exchanges) {
		const action = Number(ACTION_OF_ID.exec(exchange.id)?.[1] ?? -1);
		if (action >= 0 && action < count) owned[action].push(exchange);
	}
	return owned;
}

type Step = { kind: 'calls'; calls: PlannedCall[] } | { kind: 'done'; outcome: ActionOutcome };

/** Runs one request's program as far as its results go. */
function runAction(intent: ActionIntent, exchanges: ToolExchange[], tools: OfferedTools): Step {
	const replay = new Replay(exchanges, tools);
	try {
		const outcome = intent.kind === 'task' ? runTask(intent, replay) : runToolIntent(intent, replay);
		return { kind: 'done', outcome };
	} catch (signal) {
		if (signal instanceof NeedCalls) return { kind: 'calls', calls: signal.calls };
		if (signal instanceof ToolUnavailable) return { kind: 'done', outcome: { text: `That needs the ${signal.name} tool, which is not available here.` } };
		throw signal;
	}
}

/** Every request's outcome, as far as the results go (undefined for the unfinished ones). */
export function replayTurn(intents: ActionIntent[], exchanges: ToolExchange[], tools: OfferedTools): (ActionOutcome | undefined)[] {
	const owned = exchangesByAction(exchanges, intents.length);
	return intents.map((intent, index) => {
		const step = runAction(intent, owned[index], tools);
		return step.kind === 'done' ? step.outcome : undefined;
	});
}

export type NextStep = { kind: 'calls'; calls: (PlannedCall & { id: string })[] } | { kind: 'answer'; text: string };

/**
 * The next tool calls of every unfinished request, or the answer once all are done. Changes keep
 * the order they were asked in: while an earlier request is still looking people up before its
 * change, later changes wait (lookups need not).
 */
export function nextStep(intents: ActionIntent[], exchanges: ToolExchange[], tools: OfferedTools): NextStep {
	const owned = exchangesByAction(exchanges, intents.length);
	const calls: (PlannedCall & { id: string })[] = [];
	const outcomes: ActionOutcome[] = [];
	let changeWaiting = false;
	intents.forEach((intent, index) => {
		const step = runAction(intent, owned[index], tools);
		if (step.kind === 'done') {
			outcomes.push(step.outcome);
			return;
		}
		const changing = step.calls.some((call) => MUTATING_TOOLS.has(call.name));
		if (changing && changeWaiting) return;
		calls.push(...step.calls.map((call) => ({ ...call, id: callId(index) })));
		if (changesPeople(intent) && !changing) changeWaiting = true;
	});
	if (calls.length > 0) return { kind: 'calls', calls };
	return { kind: 'answer', text: outcomes.map((outcome) => outcome.text).join('\n\n') };
}
