/**
 * How the offline assistant does a request of several steps while staying stateless, as a model
 * is: each request is a small program that asks for tool results. Every time the model is called,
 * the program runs again from the start over the results the conversation already holds; the first
 * call without a result stops it, and those calls are what the model asks for next.
 */
import type { PersonRef, ToolError } from '../../tools/types';
import type { ChatCompletionTool } from '../types';
import type { ToolExchange } from './conversation';
import type { OfflineToolName } from './intent-types';

export type PlannedCall = { name: OfflineToolName; arguments: Record<string, unknown> };

/** A tool's result as JSON, or its refusal. `truncated` when the result was cut to fit. */
export type Outcome = { ok: true; result: Record<string, unknown> & { truncated?: boolean } } | { ok: false; error: ToolError };

/** Thrown to stop a program until these calls have results. */
export class NeedCalls {
	constructor(readonly calls: PlannedCall[]) {}
}

/** Thrown when a program needs a tool the request did not offer. */
export class ToolUnavailable {
	constructor(readonly name: string) {}
}

/** The tools of the request, as a model sees them: which exist and which arguments each takes. */
export class OfferedTools {
	private readonly properties = new Map<string, Set<string>>();

	constructor(tools: ChatCompletionTool[]) {
		for (const tool of tools) {
			if (tool.type !== 'function') continue;
			const schema = tool.function.parameters as { properties?: Record<string, unknown> } | undefined;
			this.properties.set(tool.function.name, new Set(Object.keys(schema?.properties ?? {})));
		}
	}

	has(name: string): boolean {
		return this.properties.has(name);
	}

	/** True when the tool takes this argument (or its schema lists none, so nothing can be said). */
	accepts(name: string, argument: string): boolean {
		const known = this.properties.get(name);
		return !known || known.size === 0 || known.has(argument);
	}
}

export function isToolError(value: unknown): value is { error: ToolError } {
	if (typeof value !== 'object' || value === null || !('error' in value)) return false;
	const error = value.error;
	return typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string';
}

/** A tool result as the model received it. */
export function outcomeOf(exchange: ToolExchange): Outcome {
	if (exchange.result === null) return { ok: false, error: { code: 'internal', message: `The ${exchange.name} step has no result.` } };
	let parsed: unknown;
	try {
		parsed = JSON.parse(exchange.result);
	} catch {
		return { ok: false, error: { code: 'internal', message: `The ${exchange.name} step returned something I can't read.` } };
	}
	if (isToolError(parsed)) return { ok: false, error: parsed.error };
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		return { ok: false, error: { code: 'internal', message: `The ${exchange.name} step returned something I can't read.` } };
	}
	return { ok: true, result: parsed as Record<string, unknown> };
}

/** Hands a program the results it already has, in the order it asks for them. */
export class Replay {
	private used = 0;

	constructor(
		private readonly exchanges: ToolExchange[],
		readonly tools: OfferedTools
	) {}

	/** The results of calls made together in one step; stops the program when they are not made yet. */
	all(calls: PlannedCall[]): Outcome[] {
		if (calls.length === 0) return [];
		const missing = calls.find((call) => !this.tools.has(call.name));
		if (missing) throw new ToolUnavailable(missing.name);
		if (this.used + calls.length > this.exchanges.length) throw new NeedCalls(calls);
		const made = this.exchanges.slice(this.used, this.used + calls.length);
		this.used += calls.length;
		return made.map(outcomeOf);
	}

	/** The result of one call. */
	one(call: PlannedCall): Outcome {
		return this.all([call])[0];
	}
}

/** What one request came to: its answer, who it was about (for "him" next), and a list it offers to choose from. */
export type ActionOutcome = {
	text: string;
	subject?: PersonRef | null;
	/** `ref`: the name that was ambiguous, so a choice can replace it in the request; `query` finds the people again. */
	offer?: { people: PersonRef[]; query: string | null; ref: string | null };
};
