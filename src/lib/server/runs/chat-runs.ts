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
import { toModelHistory, type KeptMessage } from '../agent/history';
import { runAgent } from '../agent/run-agent';
import { systemPrompt } from '../agent/system-prompt';
import type { ChatModel } from '../llm/types';
import { AppError } from '../errors';
import { trackRun, type RunMetrics } from '../metrics';
import { isUuid } from '../ids';
import { DeadlineError, sleep, withDeadline, withGraceAfter } from '../deadline';
import { RunDeadline } from '../agent/run-deadline';
import { conversationAnswerStore } from './answer-draft';
import { eventJson, type LoggedEvent, type RunEventLog } from './event-log';
import { followLogResponse } from './follow-response';
import { followRun, type FollowedLog, type RunSettlement } from './follow-run';
import { keepLease } from './run-lease';
import { RunLogWriter } from './run-log-writer';
import { FAILED_MESSAGE, INTERRUPTED_MESSAGE, STORAGE_DOWN_MESSAGE } from './run-messages';
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
	/** A stream client that reads nothing this long while its buffer is full is dropped. */
	slowClientMs?: number;
};

/** How long a pending approval must stay unanswered in the log before a waiting request returns. */
const APPROVAL_SETTLE_MS = 100;
/** Time past RUN_TIMEOUT_S the agent gets to finish on its own (saving its text) before the run is closed without it. */
const AGENT_GRACE_MS = 1_000;
/** Each of the final two steps (recording the run's end, ending its log) may take this long. */
const FINISH_STEP_MS = 1_500;
/** How long a new run's first event may take to reach the log before the start fails. */
const START_EVENT_MS = 5_000;

/** Thrown inside the start transaction to roll it back when the run could not be inserted. */
class RunNotInserted extends Error {}
export type StartedRun = { runId: string; conversationId: string; attached: boolean; run: RunRow };

export class ChatRuns {
	private readonly executing = new Set<Promise<void>>();
	/** Aborted when the server shuts down: runs end at once, their text saved, instead of holding the exit. */
	private readonly shutdown = new AbortController();
	/** This instance as a lease holder. */
	readonly instanceId: string;
	/** The writers of the runs executing in this process, by run id. */
	private readonly executingLogs = new Map<string, RunLogWriter>();
	/**
	 * The log as followers read it: a run executing here is read from its writer, in this process
	 * (what the store will hold, without a round trip per event through Redis); any other from the store.
	 */
	private readonly followedLog: FollowedLog;

	constructor(
		private readonly db: Database,
		private readonly model: ChatModel,
		private readonly log: RunEventLog,
		private readonly settings: ChatRunSettings
	) {
		this.instanceId = settings.instanceId ?? randomUUID();
		this.followedLog = {
			kind: log.kind,
			read: async (runId, afterId, options) => {
				const local = await this.executingLogs.get(runId)?.read(afterId, options);
				return local ?? log.read(runId, afterId, options);
			}
		};
	}

	/**
	 * Starts a run for a user message, or re-attaches to the run its clientMessageId already started.
	 * The assistant acts for `requester` with their role in `org`; the conversation is theirs alone.
	 */
	async start(org: Organization, requester: Actor, request: ChatRequest): Promise<StartedRun> {
		const receivedAt = performance.now();
		const userId = requester.userId ?? null;
		const runId = randomUUID();
		const conversationId = request.conversationId ?? randomUUID();
		// The log exists before the record: whoever finds the record (a retry, a second tab) finds it live.
		// Read together: the conversation, and the run this clientMessageId already started (a retry
		// must never reach the model again). A dead run blocking the conversation shows up as a refused
		// insert, and only then is looked for (see insertOrRetry).
		const [conversation, earlier] = await Promise.all([
			request.conversationId ? findConversation(this.db, org.id, userId, request.conversationId) : undefined,
			this.findRetry(org, userId, request),
			this.log.open(runId)
		]).catch(async (error: unknown) => {
			await this.log.discard(runId).catch(() => {});
			throw error;
		});
		if (earlier || (request.conversationId && !conversation)) await this.log.discard(runId).catch(() => {});
		if (earlier) return earlier;
		if (request.conversationId && !conversation) throw new AppError('not_found', 'That conversation does not exist. Start a new one.');
		// The model is asked beside the insert, not after it: its first text is often there by the time
		// the insert is. Until the run is recorded (and its start event is in the log) the run writes
		// nothing to the database and runs no tool; if it is not recorded (a retry, another answer still
		// running) it is aborted and leaves nothing behind. No one else can follow it before that.
		const writer = new RunLogWriter(this.log, runId);
		writer.push({ type: 'start', runId, conversationId, messageId: runId });
		let recorded!: (run: RunRow | undefined) => void;
		const started = new Promise<RunRow | undefined>((resolve) => (recorded = resolve));
		// The history the model reads, beside the insert (it cannot change meanwhile: one answer at a time
		// per conversation). The read may come before or after the insert: this run's own message is taken from the request.
		const history = (conversation ? listMessages(this.db, conversation.id) : Promise.resolve([])).then((rows) => [
			...rows.filter((row) => row.runId !== runId),
			{ role: 'user' as const, content: request.text, toolCalls: null, toolCallId: null }
		]);
		history.catch(() => {});
		this.executingLogs.set(runId, writer);
		const execution = this.execute(org, requester, { id: runId, conversationId }, started, history, writer, receivedAt).finally(() => {
			this.executing.delete(execution);
			if (this.executingLogs.get(runId) === writer) this.executingLogs.delete(runId);
		});
		this.executing.add(execution);
		/** The run was not recorded, or cannot be started: it ends here without a trace (its writer stops before its log goes). */
		const abandon = async () => {
			recorded(undefined);
			writer.stop();
			if (this.executingLogs.get(runId) === writer) this.executingLogs.delete(runId);
		};
		let inserted: { run: RunRow } | StartedRun;
		try {
			inserted = await this.insertOrRetry(org, userId, request, runId, conversationId);
		} catch (error) {
			await abandon();
			await this.log.discard(runId).catch(() => {});
			throw error;
		}
		if ('attached' in inserted) {
			await abandon();
			await this.log.discard(runId).catch(() => {});
			return inserted;
		}
		const { run } = inserted;
		if (!(await writer.drain(AbortSignal.timeout(START_EVENT_MS)))) {
			await abandon();
			await finishRun(this.db, run.id, this.instanceId, { status: 'error', finishReason: null, error: 'The answer could not be started.' }, null).catch(() => {});
			await this.log.finish(run.id).catch(() => {});
			throw new AppError('unavailable', 'The answer could not be started: the server cannot reach its storage. Try again in a moment.');
		}
		recorded(run);
		return { runId: run.id, conversationId: run.conversationId, attached: false, run };
	}

	/**
	 * Inserts the run (with its conversation when new, and the user's message), or finds why it could
	 * not be: the clientMessageId's earlier run (re-attached), or a run still marked running in the
	 * conversation — closed if its instance is gone, and then the insert is tried once more.
	 */
	private async insertOrRetry(
		org: Organization,
		userId: string | null,
		request: ChatRequest,
		runId: string,
		conversationId: string
	): Promise<{ run: RunRow } | StartedRun> {
		for (let attempt = 0; ; attempt++) {
			try {
				return { run: await this.insertRun(org, userId, request, runId, conversationId) };
			} catch (error) {
				if (!(error instanceof RunNotInserted)) throw error;
			}
			const retried = await this.findRetry(org, userId, request);
			if (retried) return retried;
			if (attempt > 0 || !request.conversationId || (await this.closeDeadRuns(request.conversationId)) === 0) {
				throw new AppError('run_active', 'An answer is still being written in this conversation. Wait for it, or press Stop.');
			}
		}
	}

	/**
	 * A new conversation, its run and the user's message exist together or not at all: a retry that
	 * loses the race for its clientMessageId leaves no empty conversation behind. RunNotInserted when
	 * the clientMessageId has a run already or the conversation has a running one.
	 */
	private insertRun(org: Organization, userId: string | null, request: ChatRequest, runId: string, conversationId: string): Promise<RunRow> {
		return this.db.transaction(async (tx) => {
			if (!request.conversationId) await createConversation(tx, org.id, userId, request.text, conversationId);
			const inserted = await insertRun(tx, {
				id: runId,
				organizationId: org.id,
				conversationId,
				userId,
				clientMessageId: request.clientMessageId ?? null,
				lease: { owner: this.instanceId, ms: this.settings.leaseMs }
			});
			if (!inserted) throw new RunNotInserted();
			// A conversation created just now is already at the top of the history.
			await insertMessage(tx, { conversationId, runId, role: 'user', content: request.text }, { touchConversation: Boolean(request.conversationId) });
			return inserted;
		});
	}

	/** An SSE response replaying the run's events after `afterId`, then following it live (410 once its events are past retention). */
	async follow(run: RunRow, afterId: number): Promise<Response> {
		if (run.eventsPrunedAt && !(await this.log.has(run.id))) {
			throw new AppError('gone', "This answer's events are no longer kept; its final text is in the conversation.");
		}
		return followLogResponse(this.followedLog, run.id, afterId, (after) => this.settle(run.id, after), { slowClientMs: this.settings.slowClientMs });
	}

	/**
	 * Waits until the run has ended and its outcome is recorded (for `POST /api/chat`), or until a
	 * tool call waits for the user's approval, or until `timeoutMs` passes. A run whose instance died
	 * is closed as interrupted on the way.
	 */
	async awaitEnd(run: RunRow, timeoutMs: number): Promise<'ended' | 'awaiting_approval' | 'timeout'> {
		const stop = new AbortController();
		const signal = AbortSignal.any([stop.signal, AbortSignal.timeout(timeoutMs)]);
		const events = followRun(this.followedLog, run.id, 0, (after) => this.settle(run.id, after), signal);
		const waiting = new Set<string>();
		try {
			for (;;) {
				const next = events.next();
				// A call still waiting once the log has nothing more to say right away is waiting for the user.
				const result = waiting.size > 0 ? await Promise.race([next, sleep(APPROVAL_SETTLE_MS).then(() => 'quiet' as const)]) : await next;
				if (result === 'quiet') {
					next.catch(() => {});
					return 'awaiting_approval';
				}
				if (result.done) return signal.aborted ? 'timeout' : 'ended';
				const { event } = result.value;
				if (event.type === 'tool_approval_required') waiting.add(event.toolId);
				if (event.type === 'tool_approval_resolved') waiting.delete(event.toolId);
			}
		} finally {
			stop.abort();
			void events.return(undefined).catch(() => {});
		}
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

	/**
	 * Runs the agent for a run whose record `started` resolves with once it is stored and its log
	 * started (undefined: it never will be, and the run ends here without a trace).
	 */
	private async execute(
		org: Organization,
		requester: Actor,
		run: { id: string; conversationId: string },
		started: Promise<RunRow | undefined>,
		keptHistory: Promise<KeptMessage[]>,
		writer: RunLogWriter,
		receivedAt: number
	): Promise<void> {
		const stop = new AbortController();
		let unsubscribe = () => {};
		/** Set once the run's end is decided: a stuck agent's late events must not follow it. */
		let closed = false;
		let unsubscribeApprovals = () => {};
		let metrics: RunMetrics | undefined;
		let firstText: { event: StreamEvent; at: number } | undefined;
		// Events go to the log in the background: a slow or absent store never holds the agent.
		const emit = async (event: StreamEvent) => {
			if (closed) return;
			if (!metrics && !firstText && event.type === 'delta') firstText = { event, at: performance.now() };
			metrics?.event(event);
			writer.push(event);
		};
		const fence = (why: string) => {
			console.warn('[organichart] run', run.id, why, '- stopping it here.');
			stop.abort(new DOMException(why, 'AbortError'));
		};
		let releaseLease = () => {};
		const ready = started.then((row) => {
			if (!row) {
				stop.abort(new DOMException('The answer was not started', 'AbortError'));
				return false;
			}
			metrics = trackRun(receivedAt);
			if (firstText) metrics.event(firstText.event, firstText.at);
			releaseLease = keepLease(this.db, run.id, { owner: this.instanceId, ms: this.settings.leaseMs }, () =>
				fence('lost its lease (another instance may close it)')
			);
			return true;
		});
		// The run's working time (it stands still while a call waits for the user's approval). It bounds
		// every wait below: the model and the tools through the agent, storage through withGraceAfter.
		const deadline = new RunDeadline(this.settings.timeoutMs);
		const beforeDeadline = <T>(work: Promise<T>, what: string) => withGraceAfter(work, deadline.signal, AGENT_GRACE_MS, what);
		let outcome: RunOutcome;
		try {
			// Independent of each other: waited for together, so the model is asked as soon as the slowest is there.
			const [stopListener, approvalListener, kept] = await beforeDeadline(
				Promise.all([
					this.log.onStopRequested(run.id, () => stop.abort(new DOMException('Stopped', 'AbortError'))),
					subscribeRunApprovals(this.log, run.id, this.settings.approval),
					keptHistory
				]),
				'listening for stop requests and approvals, reading the conversation'
			);
			unsubscribe = stopListener;
			const { approvals } = approvalListener;
			unsubscribeApprovals = approvalListener.unsubscribe;
			const history = toModelHistory(kept);
			outcome = await beforeDeadline(
				runAgent({
					ctx: { db: this.db, orgId: org.id, actor: { ...requester, kind: 'assistant', runId: run.id, conversationId: run.conversationId } },
					model: this.model,
					store: conversationAnswerStore(this.db, run.conversationId, run.id, ready),
					ready,
					messages: [{ role: 'system', content: systemPrompt(org) }, ...history],
					emit,
					stopSignal: stop.signal,
					shutdownSignal: this.shutdown.signal,
					timeoutMs: this.settings.timeoutMs,
					deadline,
					maxSteps: this.settings.maxSteps,
					maxToolCallsPerTurn: this.settings.maxToolCallsPerTurn,
					approvals,
					interruptedMessage: INTERRUPTED_MESSAGE
				}),
				'the run'
			);
		} catch (error) {
			// Storage that never answered (or a failure before the agent ran): the run still ends, with an error its followers read.
			const message = error instanceof DeadlineError ? STORAGE_DOWN_MESSAGE : FAILED_MESSAGE;
			console.error('[organichart] run', run.id, 'failed:', error);
			outcome = { status: 'error', finishReason: error instanceof DeadlineError ? 'timeout' : null, error: message };
			closed = true;
			const last = writer.events.at(-1)?.event.type;
			if (last !== 'done' && last !== 'error') writer.push({ type: 'error', error: message });
		}
		closed = true;
		deadline.dispose();
		unsubscribe();
		unsubscribeApprovals();
		if (!(await ready)) {
			writer.stop();
			return;
		}
		metrics?.end(outcome.status);
		releaseLease();
		try {
			// Each event's JSON as its followers and the store already made it.
			const events = writer.events.length > 0 ? `[${writer.events.map(eventJson).join(',')}]` : null;
			const recorded = await withDeadline(finishRun(this.db, run.id, this.instanceId, outcome, events), FINISH_STEP_MS, 'recording the end of the run');
			if (recorded) writer.endLocally();
			else console.warn('[organichart] run', run.id, 'had already been closed elsewhere; its end here is not recorded.');
		} catch (error) {
			console.error('[organichart] could not record the end of run', run.id, error);
		}
		if (!(await writer.finish(AbortSignal.timeout(FINISH_STEP_MS))) && !writer.isFenced) {
			console.error('[organichart] could not end the event log of run', run.id, '- followers fall back to the database');
		}
		writer.stop();
	}

	private async findRetry(org: Organization, userId: string | null, request: ChatRequest): Promise<StartedRun | undefined> {
		if (!request.clientMessageId) return undefined;
		const run = await findRunByClientMessageId(this.db, org.id, request.clientMessageId);
		if (!run) return undefined;
		// Someone else's message id is never a way into their run.
		if (run.userId !== userId) throw new AppError('conflict', 'That clientMessageId is already in use. Send a new one.');
		return { runId: run.id, conversationId: run.conversationId, attached: true, run };
	}

	/** Runs marked running whose executing instance is gone are closed, so they don't block the conversation; how many. */
	private async closeDeadRuns(conversationId: string): Promise<number> {
		let closed = 0;
		for (const run of await listRunningRuns(this.db, conversationId)) if (await this.closeIfDead(run.id)) closed++;
		return closed;
	}

	/**
	 * Closes a run whose executing instance is gone (crashed, killed): marked interrupted once, and
	 * its log ended with an error so followers stop waiting. A live or finished run is left alone.
	 * With one instance (memory logs) a run not live in this process is gone; with several, only an
	 * expired lease says so — a missing Redis key may just be a Redis restart.
	 */
	private async closeIfDead(runId: string): Promise<boolean> {
		if (this.log.kind === 'memory') {
			if (await this.log.isLive(runId)) return false;
			if (!(await closeRunIfRunning(this.db, runId, INTERRUPTED_MESSAGE))) return false;
		} else if (!(await closeRunIfLeaseExpired(this.db, runId, INTERRUPTED_MESSAGE))) return false;
		// Followers of the log end with the same error; if the log is gone they read it from the database.
		await this.log.endWith(runId, { type: 'error', error: INTERRUPTED_MESSAGE }).catch((error) => {
			console.warn('[organichart] could not end the log of interrupted run', runId, (error as Error).message);
		});
		return true;
	}

	/**
	 * How a run ended, for a follower whose log cannot tell it (quiet, gone, unreadable): null while
	 * it runs; else its stored events after `afterId` and the event it ended with. A run whose instance
	 * is gone is closed first.
	 */
	private async settle(runId: string, afterId: number): Promise<RunSettlement | null> {
		await this.closeIfDead(runId);
		const run = await getRun(this.db, runId);
		if (!run) return { events: [], closing: { type: 'error', error: INTERRUPTED_MESSAGE } };
		if (run.status === 'running') return null;
		const events: LoggedEvent[] = run.eventsPrunedAt ? [] : await listRunEvents(this.db, runId, afterId);
		const closing =
			run.status === 'error'
				? ({ type: 'error', error: run.error ?? INTERRUPTED_MESSAGE } as const)
				: ({ type: 'done', finishReason: run.status === 'stopped' ? 'stopped' : (run.finishReason ?? 'stop') } as const);
		return { events, closing };
	}

	/** The run with this id; a 404 AppError if there is none. */
	async requireRun(runId: string): Promise<RunRow> {
		const run = isUuid(runId) ? await getRun(this.db, runId) : undefined;
		if (!run) throw new AppError('not_found', 'That answer does not exist.');
		return run;
	}
}
