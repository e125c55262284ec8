/**
 * The model loop: stream a turn from the model, assemble its tool calls, execute them, send the
 * results back, and repeat until the model answers, the step cap is reached, or the run is stopped.
 */
import type { StreamEvent } from '$lib/protocol';
import { createTurnAssembler, toAssistantMessage } from '../llm/assemble';
import { isAbortError } from '../llm/abort';
import { ModelError, type ChatCompletionMessageParam, type ChatModel } from '../llm/types';
import { toolsForModel } from '../tools';
import { recordUpstreamError } from '../metrics';
import type { ToolContext } from '../tools/types';
import type { AnswerDraft, AnswerStore } from './answer-store';
import type { ToolApprovals } from './approvals';
import { RunDeadline } from './run-deadline';
import { executeToolCalls } from './tool-step';

export type AgentRun = {
	ctx: ToolContext;
	model: ChatModel;
	/** Keeps the answer as it is written. */
	store: AnswerStore;
	/**
	 * Resolves once the run may act (it is recorded): true, or false when it never will be (it is then
	 * stopped). Tools wait for it; the model does not.
	 */
	ready?: Promise<boolean>;
	/** System prompt, earlier turns and the new user message. */
	messages: ChatCompletionMessageParam[];
	emit: (event: StreamEvent) => Promise<void>;
	/** Aborted by a stop request. */
	stopSignal: AbortSignal;
	/** Aborted when the server shuts down. */
	shutdownSignal: AbortSignal;
	/** Working time allowed; time spent waiting for the user's approval does not count. */
	timeoutMs: number;
	/** The clock of that time, when the caller watches it too (else one is made from `timeoutMs`). */
	deadline?: RunDeadline;
	maxSteps: number;
	/** At most this many tool calls run per model turn. */
	maxToolCallsPerTurn: number;
	/** How calls wait for the user's approval, and which do (its policy). */
	approvals: ToolApprovals;
	/** The error the answer ends with when the server shuts down (runs/ owns the wording). */
	interruptedMessage: string;
};

export type AgentOutcome = { status: 'done' | 'error' | 'stopped'; finishReason: string | null; error: string | null };

const CUT_OFF_NOTES: Record<string, string> = {
	length: "\n\n_The answer was cut off: it reached the model's length limit._",
	content_filter: "\n\n_The model provider's content filter stopped this answer._"
};

/** Runs the loop to its end and reports how it ended; it never throws. */
export async function runAgent(run: AgentRun): Promise<AgentOutcome> {
	const deadline = run.deadline ?? new RunDeadline(run.timeoutMs);
	const timeout = deadline.signal;
	const signal = AbortSignal.any([run.stopSignal, run.shutdownSignal, timeout]);
	const messages = [...run.messages];
	const tools = toolsForModel();
	let draft: AnswerDraft | undefined;
	try {
		for (let step = 0; step < run.maxSteps; step++) {
			draft = run.store.newDraft();
			const turn = await streamTurn(run, messages, tools, draft, signal);
			if (turn.refusal) {
				draft.append(turn.refusal);
				await run.emit({ type: 'delta', content: { content: turn.refusal } });
			}
			draft.toolCalls = turn.toolCalls.map((call) => ({ ...call, status: 'pending' as const }));
			await draft.save();
			if (turn.finishReason === null) {
				if (signal.aborted) throw signal.reason;
				// Every provider ends a complete turn with a finish reason; without one the connection dropped mid-answer.
				throw new ModelError('The connection to the model provider dropped in the middle of the answer. The text so far is kept; please try again.', true, { kind: 'dropped' });
			}
			if (turn.toolCalls.length === 0) {
				const note = CUT_OFF_NOTES[turn.finishReason ?? ''];
				if (note) await appendText(run, draft, note);
				else if (!draft.text && !turn.refusal) await appendText(run, draft, '_The model returned an empty answer._');
				await draft.save();
				await run.emit({ type: 'done', finishReason: turn.finishReason, ...(turn.usage && { usage: turn.usage }) });
				return { status: 'done', finishReason: turn.finishReason, error: null };
			}
			for (const call of turn.toolCalls) {
				await run.emit({ type: 'tool_call', toolCall: { id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } } });
			}
			messages.push(toAssistantMessage(turn));
			if (run.ready && !(await run.ready)) throw signal.reason;
			const { ctx, store, emit, approvals } = run;
			messages.push(...(await executeToolCalls({ ctx, store, draft, emit, signal, approvals, deadline, maxCalls: run.maxToolCallsPerTurn })));
			if (signal.aborted) throw signal.reason;
		}
		const note = `\n\n_I stopped after ${run.maxSteps} tool steps without a final answer. Try a narrower request._`;
		draft = run.store.newDraft();
		await appendText(run, draft, note.trimStart());
		await draft.save();
		await run.emit({ type: 'done', finishReason: 'max_steps' });
		return { status: 'done', finishReason: 'max_steps', error: null };
	} catch (error) {
		await draft?.save().catch(() => {});
		return endWithFailure(run, error, timeout);
	} finally {
		deadline.dispose();
	}
}

async function streamTurn(
	run: AgentRun,
	messages: ChatCompletionMessageParam[],
	tools: ReturnType<typeof toolsForModel>,
	draft: AnswerDraft,
	signal: AbortSignal
) {
	const assembler = createTurnAssembler();
	for await (const chunk of run.model.streamChat({ messages, tools, signal })) {
		for (const update of assembler.push(chunk)) {
			if (update.kind === 'text') {
				draft.append(update.text);
				await run.emit({ type: 'delta', content: { content: update.text } });
			} else if (update.kind === 'tool_call_delta' && update.argumentsDelta) {
				await run.emit({ type: 'tool_call_delta', toolId: update.id, name: update.name, argumentsDelta: update.argumentsDelta });
			}
		}
		if (signal.aborted) throw signal.reason;
	}
	return assembler.finish();
}

async function appendText(run: AgentRun, draft: AnswerDraft, text: string): Promise<void> {
	draft.append(text);
	await run.emit({ type: 'delta', content: { content: text } });
}

async function endWithFailure(run: AgentRun, error: unknown, timeout: AbortSignal): Promise<AgentOutcome> {
	if (run.shutdownSignal.aborted) {
		await run.emit({ type: 'error', error: run.interruptedMessage });
		return { status: 'error', finishReason: 'interrupted', error: run.interruptedMessage };
	}
	if (timeout.aborted) {
		const message = `The answer took longer than ${Math.round(run.timeoutMs / 1000)} seconds and was stopped. The text so far is kept.`;
		await run.emit({ type: 'error', error: message });
		return { status: 'error', finishReason: 'timeout', error: message };
	}
	if (run.stopSignal.aborted || isAbortError(error)) {
		await run.emit({ type: 'done', finishReason: 'stopped' });
		return { status: 'stopped', finishReason: 'stopped', error: null };
	}
	const message =
		error instanceof ModelError ? error.message : 'Something went wrong while writing the answer. The text so far is kept; please try again.';
	if (error instanceof ModelError) recordUpstreamError(error.kind);
	else console.error('[organichart] run failed:', error);
	await run.emit({ type: 'error', error: message });
	return { status: 'error', finishReason: null, error: message };
}
