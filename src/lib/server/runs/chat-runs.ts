/**
 * Starting, following and stopping assistant runs. A run executes in the background of the
 * instance that started it, independent of any client connection; clients follow its event log.
 */
import { randomUUID } from 'node:crypto';
import type { ChatRequest, Organization, StreamEvent } from '$lib/protocol';
import type { Database } from '../db';
import type { Actor } from '../org/context';
import { createConversation, findConversation, findRunToolCall, insertMessage, listMessages } from '../db/conversations';
import {
	closeRunIfLeaseExpired,
	closeRunIfRunning,
	finishRun,
	findRunByClientMessageId,
	getRun,
	insertRun,
	listRunEvents,
	listRunningRuns,
	type RunOutcome,
	type RunRow
} from '../db/runs';
import { toModelHistory } from '../agent/history';
import { runAgent } from '../agent/run-agent';
import { systemPrompt } from '../agent/system-prompt';
import type { ChatModel } from '../llm/types';
import { AppError } from '../errors';
import { isUuid } from '../ids';
import { withDeadline } from '../deadline';
import { conversationAnswerStore } from './answer-draft';
import type { LoggedEvent, RunEventLog } from './event-log';

/** How long a pending approval must stay unanswered in the log before a waiting request returns. */
const APPROVAL_SETTLE_MS = 100;
import { LIVENESS_CHECK_MS, followLogResponse, storedEventsResponse } from './follow-response';
import { keepLease } from './run-lease';
import { INTERRUPTED_MESSAGE, STORAGE_DOWN_MESSAGE } from './run-messages';
import { subscribeRunApprovals, type ApprovalSettings } from './run-approvals';

export type ChatRunSettings = {
	timeoutMs: number;
	maxSteps: number;
	/** How long a run's lease lasts without renewal. */
	leaseMs: number;
	/** This instance, as lease holder (random per process). */
	instanceId?: string;
	maxToolCallsPerTurn: number;
	/** Which changes wait for the user's approval, and how long they may wait. */
	approval: ApprovalSettings;
};

/** Time past RUN_TIMEOUT_S the agent gets to finish on its own (saving its text) before the run is closed without it. */
const AGENT_GRACE_MS = 2_000;
/** Time the final bookkeeping (the run's record, the log's end) may take after that. */
const FINISH_GRACE_MS = 2_500;

/** Thrown inside the start transaction to roll it back when the run could not be inserted. */
class RunNotInserted extends Error {}
export type StartedRun = { runId: string; conversationId: string; attached: boolean };

export class ChatRuns {
	private readonly executing = new Set<Promise<void>>();
	/** Aborted when the server shuts down: runs end at once, their text saved, instead of holding the exit. */
	private readonly shutdown = new AbortController();
	/** This instance as a lease holder. */
	readonly instanceId: string;

	constructor(
		private readonly db: Database,
		private readonly model: ChatModel,
		private readonly log: RunEventLog,
		private readonly settings: ChatRunSettings
	) {
		this.instanceId = settings.instanceId ?? randomUUID();
	}

	/**
	 * Starts a run for a user message, or re-attaches to the run its clientMessageId already started.
	 * The assistant acts for `requester` with their role in `org`; the conversation is theirs alone.
	 */
	async start(org: Organization, requester: Actor, request: ChatRequest): Promise<StartedRun> {
		const userId = requester.userId ?? null;
		const earlier = await this.findRetry(org, userId, request);
		if (earlier) return earlier;
		if (request.conversationId) {
			const conversation = await findConversation(this.db, org.id, userId, request.conversationId);
			if (!conversation) throw new AppError('not_found', 'That conversation does not exist. Start a new one.');
			await this.closeDeadRuns(conversation.id);
		}
		const runId = randomUUID();
		// The log exists before the record: whoever finds the record (a retry, a second tab) finds it live.
		await this.log.open(runId);
		let run: RunRow;
		try {
			// A new conversation, its run and the user's message exist together or not at all: a retry
			// that loses the race for its clientMessageId leaves no empty conversation behind.
			run = await this.db.transaction(async (tx) => {
				const conversationId = request.conversationId ?? (await createConversation(tx, org.id, userId, request.text)).id;
				const inserted = await insertRun(tx, {
					id: runId,
					organizationId: org.id,
					conversationId,
					userId,
					clientMessageId: request.clientMessageId ?? null,
					lease: { owner: this.instanceId, ms: this.settings.leaseMs }
				});
				if (!inserted) throw new RunNotInserted();
				await insertMessage(tx, { conversationId, runId, role: 'user', content: request.text });
				return inserted;
			});
		} catch (error) {
			await this.log.discard(runId).catch(() => {});
			if (!(error instanceof RunNotInserted)) throw error;
			const retried = await this.findRetry(org, userId, request);
			if (retried) return retried;
			throw new AppError('run_active', 'An answer is still being written in this conversation. Wait for it, or press Stop.');
		}
		try {
			await this.log.append(run.id, { type: 'start', runId: run.id, conversationId: run.conversationId, messageId: run.id });
		} catch (error) {
			await finishRun(this.db, run.id, this.instanceId, { status: 'error', finishReason: null, error: 'The answer could not be started.' }, []).catch(() => {});
			await this.log.finish(run.id).catch(() => {});
			throw error;
		}
		const execution = this.execute(org, requester, run).finally(() => this.executing.delete(execution));
		this.executing.add(execution);
		return { runId: run.id, conversationId: run.conversationId, attached: false };
	}

	/** An SSE response replaying the run's events after `afterId`, then following it live. */
	async follow(run: RunRow, afterId: number): Promise<Response> {
		if (await this.log.has(run.id)) {
			if (run.status === 'running') await this.closeIfDead(run.id);
			return followLogResponse(this.log, run.id, afterId, () => this.closeIfDead(run.id));
		}
		if (run.status === 'running') await closeRunIfRunning(this.db, run.id, INTERRUPTED_MESSAGE);
		if (run.eventsPrunedAt) throw new AppError('gone', "This answer's events are no longer kept; its final text is in the conversation.");
		const stored = await listRunEvents(this.db, run.id, afterId);
		const finished = await getRun(this.db, run.id);
		const closing = finished?.status === 'error' ? { type: 'error' as const, error: finished.error ?? INTERRUPTED_MESSAGE } : null;
		return storedEventsResponse(stored, afterId, closing);
	}

	/**
	 * Waits until the run has ended and its outcome is recorded (for `POST /api/chat`), or until a
	 * tool call waits for the user's approval, or until `timeoutMs` passes. A run whose instance died
	 * is closed as interrupted on the way.
	 */
	async awaitEnd(run: RunRow, timeoutMs: number): Promise<'ended' | 'awaiting_approval' | 'timeout'> {
		if (!(await this.log.has(run.id))) {
			if (run.status === 'running') await closeRunIfRunning(this.db, run.id, INTERRUPTED_MESSAGE);
			return 'ended';
		}
		return new Promise((resolve) => {
			let unsubscribe: (() => void) | undefined;
			let settled = false;
			const waiting = new Set<string>();
			let approvalCheck: ReturnType<typeof setTimeout> | undefined;
			const settle = (outcome: 'ended' | 'awaiting_approval' | 'timeout') => {
				if (settled) return;
				settled = true;
				clearInterval(watch);
				clearTimeout(deadline);
				clearTimeout(approvalCheck);
				unsubscribe?.();
				resolve(outcome);
			};
			const onEvent = ({ event }: LoggedEvent) => {
				if (event.type === 'tool_approval_required') waiting.add(event.toolId);
				if (event.type === 'tool_approval_resolved') waiting.delete(event.toolId);
				// Checked once the replay has caught up: a request already answered is followed by its answer.
				clearTimeout(approvalCheck);
				if (waiting.size > 0) approvalCheck = setTimeout(() => waiting.size > 0 && settle('awaiting_approval'), APPROVAL_SETTLE_MS);
			};
			const watch = setInterval(() => void this.closeIfDead(run.id).catch(() => {}), LIVENESS_CHECK_MS);
			const deadline = setTimeout(() => settle('timeout'), timeoutMs);
			this.log.follow(run.id, 0, { onEvent, onEnd: () => settle('ended') }).then(
				(stop) => (settled ? stop() : (unsubscribe = stop)),
				() => settle('timeout')
			);
		});
	}

	/** Asks the run to stop; the stream then ends with `done` (finishReason "stopped"). */
	async stop(run: RunRow): Promise<{ status: RunRow['status'] }> {
		if (run.status !== 'running') return { status: run.status };
		// Stored, not just announced: an executing instance that is reconnecting still finds it.
		await this.log.requestStop(run.id);
		await this.closeIfDead(run.id);
		return { status: run.status };
	}

	/**
	 * Answers a tool call waiting for the user's approval, wherever the run executes. 404 when the
	 * run made no such call; 409 when it is not waiting (already answered, timed out, or never asked).
	 */
	async answerApproval(run: RunRow, toolId: string, approved: boolean): Promise<{ approved: boolean }> {
		if (toolId.length > 200 || !(await findRunToolCall(this.db, run.id, toolId))) {
			throw new AppError('not_found', 'That tool call does not exist.');
		}
		const settled = run.status === 'running' && (await this.log.requestApproval(run.id, toolId, approved ? 'approved' : 'denied'));
		if (!settled) throw new AppError('conflict', 'That tool call is not waiting for approval: it was already answered, timed out, or never asked.');
		return { approved };
	}

	/** Ends the runs this instance is executing, each saved and closed as interrupted, and waits for them. */
	async close(): Promise<void> {
		this.shutdown.abort();
		await Promise.allSettled([...this.executing]);
	}

	private async execute(org: Organization, requester: Actor, run: RunRow): Promise<void> {
		const stop = new AbortController();
		let unsubscribe = () => {};
		/** Set once the run's end is decided: a stuck agent's late events must not follow it. */
		let closed = false;
		let unsubscribeApprovals = () => {};
		const events: StreamEvent[] = [{ type: 'start', runId: run.id, conversationId: run.conversationId, messageId: run.id }];
		const emit = async (event: StreamEvent) => {
			if (closed) return;
			events.push(event);
			await this.log.append(run.id, event).catch((error) => console.error('[organichart] event log append failed:', error));
		};
		const releaseLease = keepLease(this.db, run.id, { owner: this.instanceId, ms: this.settings.leaseMs }, () => {
			console.warn('[organichart] lost the lease of run', run.id, '- another instance may close it; stopping here.');
			stop.abort(new DOMException('Lease lost', 'AbortError'));
		});
		const startedAt = Date.now();
		try {
			unsubscribe = await withDeadline(
				this.log.onStopRequested(run.id, () => stop.abort(new DOMException('Stopped', 'AbortError'))),
				this.settings.timeoutMs,
				'listening for stop requests'
			);
			const { approvals, unsubscribe: stopListening } = await subscribeRunApprovals(this.log, run.id, this.settings.approval);
			unsubscribeApprovals = stopListening;
			const history = toModelHistory(await withDeadline(listMessages(this.db, run.conversationId), this.settings.timeoutMs, 'reading the conversation'));
			const agent = runAgent({
				ctx: { db: this.db, orgId: org.id, actor: { ...requester, kind: 'assistant', runId: run.id, conversationId: run.conversationId } },
				model: this.model,
				store: conversationAnswerStore(this.db, run.conversationId, run.id),
				messages: [{ role: 'system', content: systemPrompt(org) }, ...history],
				emit,
				stopSignal: stop.signal,
				shutdownSignal: this.shutdown.signal,
				timeoutMs: this.settings.timeoutMs,
				maxSteps: this.settings.maxSteps,
				maxToolCallsPerTurn: this.settings.maxToolCallsPerTurn,
				approvals,
				interruptedMessage: INTERRUPTED_MESSAGE
			});
			// The agent's own timeout aborts the model and the tools between steps; a wait on storage that
			// never returns is bounded here, so the run ends close to its deadline whatever hangs.
			const remaining = this.settings.timeoutMs + AGENT_GRACE_MS - (Date.now() - startedAt);
			const outcome: RunOutcome = await withDeadline(agent, remaining, 'the run').catch(async (error: unknown) => {
				console.error('[organichart] run', run.id, 'did not end by its deadline:', (error as Error).message);
				await withDeadline(emit({ type: 'error', error: STORAGE_DOWN_MESSAGE }), FINISH_GRACE_MS / 2, 'recording the error').catch(() => {});
				return { status: 'error', finishReason: 'timeout', error: STORAGE_DOWN_MESSAGE };
			});
			closed = true;
			releaseLease();
			const recorded = await withDeadline(finishRun(this.db, run.id, this.instanceId, outcome, events), FINISH_GRACE_MS, 'recording the end of the run');
			if (!recorded) console.warn('[organichart] run', run.id, 'had already been closed elsewhere; its end here is not recorded.');
		} catch (error) {
			console.error('[organichart] could not record the end of run', run.id, error);
		} finally {
			closed = true;
			releaseLease();
			unsubscribe();
			unsubscribeApprovals();
			await withDeadline(this.log.finish(run.id), FINISH_GRACE_MS, 'ending the event log').catch((error) =>
				console.error('[organichart] event log finish failed:', error)
			);
		}
	}

	private async findRetry(org: Organization, userId: string | null, request: ChatRequest): Promise<StartedRun | undefined> {
		if (!request.clientMessageId) return undefined;
		const run = await findRunByClientMessageId(this.db, org.id, request.clientMessageId);
		if (!run) return undefined;
		// Someone else's message id is never a way into their run.
		if (run.userId !== userId) throw new AppError('conflict', 'That clientMessageId is already in use. Send a new one.');
		return { runId: run.id, conversationId: run.conversationId, attached: true };
	}

	/** Runs marked running whose executing instance is gone are closed, so they don't block the conversation. */
	private async closeDeadRuns(conversationId: string): Promise<void> {
		for (const run of await listRunningRuns(this.db, conversationId)) await this.closeIfDead(run.id);
	}

	/**
	 * Closes a run whose executing instance is gone (crashed, killed): marked interrupted once, and
	 * its log ended with an error so followers stop waiting. A live or finished run is left alone.
	 * With one instance (memory logs) a run not live in this process is gone; with several, only an
	 * expired lease says so — a missing Redis key may just be a Redis restart.
	 */
	private async closeIfDead(runId: string): Promise<void> {
		if (this.log.kind === 'memory') {
			if (await this.log.isLive(runId)) return;
			if (!(await closeRunIfRunning(this.db, runId, INTERRUPTED_MESSAGE))) return;
		} else if (!(await closeRunIfLeaseExpired(this.db, runId, INTERRUPTED_MESSAGE))) return;
		if (!(await this.log.has(runId))) return;
		try {
			await this.log.append(runId, { type: 'error', error: INTERRUPTED_MESSAGE });
			await this.log.finish(runId);
		} catch (error) {
			// The log had already ended (its run finished but could not record it): followers are done.
			console.warn('[organichart] could not end the log of interrupted run', runId, error);
		}
	}

	/** The run with this id; a 404 AppError if there is none. */
	async requireRun(runId: string): Promise<RunRow> {
		const run = isUuid(runId) ? await getRun(this.db, runId) : undefined;
		if (!run) throw new AppError('not_found', 'That answer does not exist.');
		return run;
	}
}
