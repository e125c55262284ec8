/**
 * Starting, following and stopping assistant runs. A run executes in the background of the
 * instance that started it, independent of any client connection; clients follow its event log.
 */
import { randomUUID } from 'node:crypto';
import type { ChatRequest, Organization, StreamEvent } from '$lib/protocol';
import type { Database } from '../db';
import type { Actor } from '../org/context';
import { createConversation, findConversation, insertMessage, listMessages } from '../db/conversations';
import {
	closeRunIfRunning,
	finishRun,
	findRunByClientMessageId,
	getRun,
	insertRun,
	listRunEvents,
	listRunningRuns,
	type RunRow
} from '../db/runs';
import { toModelHistory } from '../agent/history';
import { runAgent } from '../agent/run-agent';
import { systemPrompt } from '../agent/system-prompt';
import type { ChatModel } from '../llm/types';
import { AppError } from '../errors';
import { isUuid } from '../ids';
import { conversationAnswerStore } from './answer-draft';
import type { RunEventLog } from './event-log';
import { LIVENESS_CHECK_MS, followLogResponse, storedEventsResponse } from './follow-response';
import { INTERRUPTED_MESSAGE } from './run-messages';


export type ChatRunSettings = { timeoutMs: number; maxSteps: number };
export type StartedRun = { runId: string; conversationId: string; attached: boolean };

export class ChatRuns {
	private readonly executing = new Set<Promise<void>>();
	/** Aborted when the server shuts down: runs end at once, their text saved, instead of holding the exit. */
	private readonly shutdown = new AbortController();

	constructor(
		private readonly db: Database,
		private readonly model: ChatModel,
		private readonly log: RunEventLog,
		private readonly settings: ChatRunSettings
	) {}

	/**
	 * Starts a run for a user message, or re-attaches to the run its clientMessageId already started.
	 * The assistant acts for `requester` with their role in `org`; the conversation is theirs alone.
	 */
	async start(org: Organization, requester: Actor, request: ChatRequest): Promise<StartedRun> {
		const userId = requester.userId ?? null;
		const earlier = await this.findRetry(org, userId, request);
		if (earlier) return earlier;
		const conversation = request.conversationId
			? await findConversation(this.db, org.id, userId, request.conversationId)
			: await createConversation(this.db, org.id, userId, request.text);
		if (!conversation) throw new AppError('not_found', 'That conversation does not exist. Start a new one.');
		await this.closeDeadRuns(conversation.id);
		const runId = randomUUID();
		// The log exists before the record: whoever finds the record (a retry, a second tab) finds it live.
		await this.log.open(runId);
		const run = await insertRun(this.db, {
			id: runId,
			organizationId: org.id,
			conversationId: conversation.id,
			userId,
			clientMessageId: request.clientMessageId ?? null
		}).catch(async (error: unknown) => {
			await this.log.discard(runId);
			throw error;
		});
		if (!run) {
			await this.log.discard(runId);
			const retried = await this.findRetry(org, userId, request);
			if (retried) return retried;
			throw new AppError('run_active', 'An answer is still being written in this conversation. Wait for it, or press Stop.');
		}
		try {
			await insertMessage(this.db, { conversationId: conversation.id, runId: run.id, role: 'user', content: request.text });
			await this.log.append(run.id, { type: 'start', runId: run.id, conversationId: conversation.id, messageId: run.id });
		} catch (error) {
			await finishRun(this.db, run.id, { status: 'error', finishReason: null, error: 'The answer could not be started.' }, []).catch(() => {});
			await this.log.finish(run.id).catch(() => {});
			throw error;
		}
		const execution = this.execute(org, requester, run).finally(() => this.executing.delete(execution));
		this.executing.add(execution);
		return { runId: run.id, conversationId: conversation.id, attached: false };
	}

	/** An SSE response replaying the run's events after `afterId`, then following it live. */
	async follow(run: RunRow, afterId: number): Promise<Response> {
		if (await this.log.has(run.id)) {
			if (run.status === 'running') await this.closeIfDead(run.id);
			return followLogResponse(this.log, run.id, afterId, () => this.closeIfDead(run.id));
		}
		if (run.status === 'running') await closeRunIfRunning(this.db, run.id, INTERRUPTED_MESSAGE);
		const stored = await listRunEvents(this.db, run.id, afterId);
		const finished = await getRun(this.db, run.id);
		const closing = finished?.status === 'error' ? { type: 'error' as const, error: finished.error ?? INTERRUPTED_MESSAGE } : null;
		return storedEventsResponse(stored, afterId, closing);
	}

	/**
	 * Waits until the run has ended and its outcome is recorded (for `POST /api/chat`), or until
	 * `timeoutMs` passes (false then). A run whose instance died is closed as interrupted on the way.
	 */
	async awaitEnd(run: RunRow, timeoutMs: number): Promise<boolean> {
		if (!(await this.log.has(run.id))) {
			if (run.status === 'running') await closeRunIfRunning(this.db, run.id, INTERRUPTED_MESSAGE);
			return true;
		}
		return new Promise<boolean>((resolve) => {
			let unsubscribe: (() => void) | undefined;
			let settled = false;
			const settle = (ended: boolean) => {
				if (settled) return;
				settled = true;
				clearInterval(watch);
				clearTimeout(deadline);
				unsubscribe?.();
				resolve(ended);
			};
			const watch = setInterval(() => void this.closeIfDead(run.id).catch(() => {}), LIVENESS_CHECK_MS);
			const deadline = setTimeout(() => settle(false), timeoutMs);
			this.log.follow(run.id, 0, { onEvent: () => {}, onEnd: () => settle(true) }).then(
				(stop) => (settled ? stop() : (unsubscribe = stop)),
				() => settle(false)
			);
		});
	}

	/** Asks the run to stop; the stream then ends with `done` (finishReason "stopped"). */
	async stop(run: RunRow): Promise<{ status: RunRow['status'] }> {
		if (run.status !== 'running') return { status: run.status };
		if (await this.log.isLive(run.id)) await this.log.requestStop(run.id);
		else await this.closeIfDead(run.id);
		return { status: run.status };
	}

	/** Ends the runs this instance is executing, each saved and closed as interrupted, and waits for them. */
	async close(): Promise<void> {
		this.shutdown.abort();
		await Promise.allSettled([...this.executing]);
	}

	private async execute(org: Organization, requester: Actor, run: RunRow): Promise<void> {
		const stop = new AbortController();
		let unsubscribe = () => {};
		const events: StreamEvent[] = [{ type: 'start', runId: run.id, conversationId: run.conversationId, messageId: run.id }];
		const emit = async (event: StreamEvent) => {
			events.push(event);
			await this.log.append(run.id, event).catch((error) => console.error('[organichart] event log append failed:', error));
		};
		try {
			unsubscribe = await this.log.onStopRequested(run.id, () => stop.abort(new DOMException('Stopped', 'AbortError')));
			const history = toModelHistory(await listMessages(this.db, run.conversationId));
			const outcome = await runAgent({
				ctx: { db: this.db, orgId: org.id, actor: { ...requester, kind: 'assistant', runId: run.id, conversationId: run.conversationId } },
				model: this.model,
				store: conversationAnswerStore(this.db, run.conversationId, run.id),
				messages: [{ role: 'system', content: systemPrompt(org) }, ...history],
				emit,
				stopSignal: stop.signal,
				shutdownSignal: this.shutdown.signal,
				timeoutMs: this.settings.timeoutMs,
				maxSteps: this.settings.maxSteps,
				interruptedMessage: INTERRUPTED_MESSAGE
			});
			await finishRun(this.db, run.id, outcome, events);
		} catch (error) {
			console.error('[organichart] could not record the end of run', run.id, error);
		} finally {
			unsubscribe();
			await this.log.finish(run.id).catch((error) => console.error('[organichart] event log finish failed:', error));
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
	 */
	private async closeIfDead(runId: string): Promise<void> {
		if (await this.log.isLive(runId)) return;
		if (!(await closeRunIfRunning(this.db, runId, INTERRUPTED_MESSAGE))) return;
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
