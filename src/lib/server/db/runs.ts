/** Queries for runs (one assistant answer each) and their stored event logs. */
import { and, asc, eq, gt } from 'drizzle-orm';
import type { Database } from '.';
import type { RunStatus, StreamEvent } from '$lib/protocol';
import { runEvents, runs } from './schema';

export type RunRow = typeof runs.$inferSelect;

const EVENT_BATCH = 1000;

/** Inserts a run; returns undefined when the client message id already has one (a retry). */
export async function insertRun(
	db: Database,
	run: { id: string; organizationId: string; conversationId: string; userId: string | null; clientMessageId: string | null }
): Promise<RunRow | undefined> {
	const [row] = await db.insert(runs).values(run).onConflictDoNothing().returning();
	return row;
}

/** The run started for this client message id, if any. */
export async function findRunByClientMessageId(db: Database, organizationId: string, clientMessageId: string) {
	const [row] = await db
		.select()
		.from(runs)
		.where(and(eq(runs.organizationId, organizationId), eq(runs.clientMessageId, clientMessageId)));
	return row;
}

export async function getRun(db: Database, id: string): Promise<RunRow | undefined> {
	const [row] = await db.select().from(runs).where(eq(runs.id, id));
	return row;
}

/** Runs of a conversation still marked running. */
export async function listRunningRuns(db: Database, conversationId: string): Promise<RunRow[]> {
	return db
		.select()
		.from(runs)
		.where(and(eq(runs.conversationId, conversationId), eq(runs.status, 'running')));
}

/** Records how a run ended and its events, in one transaction. */
export async function finishRun(
	db: Database,
	id: string,
	outcome: { status: Exclude<RunStatus, 'running'>; finishReason: string | null; error: string | null },
	events: StreamEvent[]
): Promise<void> {
	await db.transaction(async (tx) => {
		await tx
			.update(runs)
			.set({ ...outcome, finishedAt: new Date() })
			.where(eq(runs.id, id));
		const rows = events.map((event, index) => ({ runId: id, seq: index + 1, event }));
		// Batches keep a long answer's thousands of events under PostgreSQL's 65,535-parameter limit.
		for (let start = 0; start < rows.length; start += EVENT_BATCH) {
			await tx.insert(runEvents).values(rows.slice(start, start + EVENT_BATCH));
		}
	});
}

/** Stored events of a finished run after `afterId`. */
export async function listRunEvents(db: Database, runId: string, afterId: number): Promise<{ id: number; event: StreamEvent }[]> {
	const rows = await db
		.select()
		.from(runEvents)
		.where(and(eq(runEvents.runId, runId), gt(runEvents.seq, afterId)))
		.orderBy(asc(runEvents.seq));
	return rows.map((row) => ({ id: row.seq, event: row.event as StreamEvent }));
}

/** Marks every run still "running" as interrupted with `message`; used at start when no other instance can own one. */
export async function closeInterruptedRuns(db: Database, message: string): Promise<number> {
	const closed = await db
		.update(runs)
		.set({
			status: 'error',
			finishReason: 'interrupted',
			error: message,
			finishedAt: new Date()
		})
		.where(eq(runs.status, 'running'))
		.returning({ id: runs.id });
	return closed.length;
}

/** Closes a run as interrupted with `message` if it is still marked running; false when it had already ended. */
export async function closeRunIfRunning(db: Database, id: string, message: string): Promise<boolean> {
	const closed = await db
		.update(runs)
		.set({ status: 'error', finishReason: 'interrupted', error: message, finishedAt: new Date() })
		.where(and(eq(runs.id, id), eq(runs.status, 'running')))
		.returning({ id: runs.id });
	return closed.length > 0;
}
