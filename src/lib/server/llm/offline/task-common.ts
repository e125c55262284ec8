/** What the programs of several-step requests share: their shape, and how a failed step is answered. */
import type { PersonRef } from '../../tools/types';
import { answerOutcome, TRUNCATED_NOTE } from './answer';
import type { ActionOutcome, Outcome, Replay } from './replay';

/** A task's program: it asks `replay` for tool results and returns the answer. */
export type Program = (replay: Replay, args: Record<string, string>) => ActionOutcome;

/** A failed step's answer; an ambiguous name offers its candidates, to be chosen in place of `ref`. */
export function failed(tool: string, outcome: Outcome & { ok: false }, ref: string | undefined): ActionOutcome {
	const candidates = outcome.error.candidates ?? [];
	return { text: answerOutcome(tool, outcome), offer: ref && candidates.length > 0 ? { people: candidates, query: ref, ref } : undefined };
}

export const byName = (a: PersonRef, b: PersonRef) => a.name.localeCompare(b.name);

/** The lines as one answer, with a note when the result they come from was cut to fit. */
export const withNote = (lines: string[], truncated: boolean) => (truncated ? [...lines, '', TRUNCATED_NOTE] : lines).join('\n');
