/** Queries for runs (one assistant answer each) and their stored event logs. */
import { and, eq, inArray, isNull, lt, ne, sql } from 'drizzle-orm';
import type { Database } from '.';
import type { RunStatus, StreamEvent } from '$lib/protocol';
import { runEventLogs, runs } from './schema';

export type RunRow = typeof runs.$inferSelect;

/** The database's clock plus `ms`: lease expiries are compared on one clock, whatever the instances' clocks say. */
const inMs = (ms: number) => sql`now() + ${Math.max(0, Math.round(ms))} * interval '1 millisecond'`;

export type NewRun = {
	id: string;
	organizationId: string;
	conversationId: string;
	userId: string | null;
	clientMessageId: string | null;
	/** The instance that executes it, and how long its first lease lasts. */
	lease?: { owner: string; ms: number };
};

/**
 * Inserts a run, leased to its executing instance; undefined when the client message id already
 * has one (a retry) or the conversation already has a running answer (the partial unique index).
 */
export async function insertRun(db: Database, run: NewRun): Promise<RunRow | undefined> {
	const { lease, ...values } = run;
	const [row] = await db
		.insert(runs)
		.values({ ...values, ...(lease && { leaseOwner: lease.owner, leaseExpiresAt: inMs(lease.ms) }) })
		.onConflictDoNothing()
		.returning();
	return row;
}

/** Extends the lease of a run this instance holds; false when the run ended or the lease is no longer ours. */
export async function renewLease(db: Database, id: string, owner: string, ms: number): Promise<boolean> {
	const renewed = await db
		.update(runs)
		.set({ leaseExpiresAt: inMs(ms) })
		.where(and(eq(runs.id, id), eq(runs.status, 'running'), eq(runs.leaseOwner, owner)))
		.returning({ id: runs.id });
	return renewed.length > 0;
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

export type RunOutcome = { status: Exclude<RunStatus, 'running'>; finishReason: string | null; error: string | null };

/**
 * Records how a run ended and its events, in one transaction, only if it is still running and
 * `owner` holds its lease (null: a run nobody leased). False when it had already been closed —
 * a run closed as interrupted never comes back as done.
 */
export async function finishRun(
	db: Database,
	id: string,
	owner: string | null,
	outcome: RunOutcome,
	/** The run's events as one JSON array (null: none to keep). */
	eventsJson: string | null
): Promise<boolean> {
	return db.transaction(async (tx) => {
		const finished = await tx
			.update(runs)
			.set({ ...outcome, finishedAt: new Date(), leaseExpiresAt: null })
			.where(and(eq(runs.id, id), eq(runs.status, 'running'), owner === null ? isNull(runs.leaseOwner) : eq(runs.leaseOwner, owner)))
			.returning({ id: runs.id });
		if (finished.length === 0) return false;
		// One row for the whole answer: a row per event made the end of a long answer thousands of inserts.
		if (eventsJson !== null) await tx.insert(runEventLogs).values({ runId: id, events: eventsJson });
		return true;
	});
}

/** Stored events of a finished run after `afterId`. */
export async function listRunEvents(db: Database, runId: string, afterId: number): Promise<{ id: number; event: StreamEvent }[]> {
	const [row] = await db.select({ events: runEventLogs.events }).from(runEventLogs).where(eq(runEventLogs.runId, runId));
	if (!row) return [];
	const events = JSON.parse(row.events) as StreamEvent[];
	const after = Math.max(0, afterId);
	return events.slice(after).map((event, index) => ({ id: after + index + 1, event }));
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

/** Closes a run as interrupted if it is still running and its lease has expired (its instance is gone); false otherwise. */
export async function closeRunIfLeaseExpired(db: Database, id: string, message: string): Promise<boolean> {
	const closed = await db
		.update(runs)
		.set({ status: 'error', finishReason: 'interrupted', error: message, finishedAt: new Date(), leaseExpiresAt: null })
		.where(and(eq(runs.id, id), eq(runs.status, 'running'), sql`(${runs.leaseExpiresAt} is null or ${runs.leaseExpiresAt} < now())`))
		.returning({ id: runs.id });
	return closed.length > 0;
}

/**
 * Deletes the stored events of runs that finished before `before` (their messages stay) and marks
 * them pruned; returns how many runs it pruned. Works in batches so one sweep never holds long locks.
 */
export async function pruneRunEvents(db: Database, before: Date, batch = 500): Promise<number> {
	let pruned = 0;
	for (;;) {
		const due = await db
			.select({ id: runs.id })
			.from(runs)
			.where(and(ne(runs.status, 'running'), lt(runs.finishedAt, before), isNull(runs.eventsPrunedAt)))
			.limit(batch);
		if (due.length === 0) return pruned;
		const ids = due.map((row) => row.id);
		await db.transaction(async (tx) => {
			await tx.delete(runEventLogs).where(inArray(runEventLogs.runId, ids));
			await tx.update(runs).set({ eventsPrunedAt: new Date() }).where(inArray(runs.id, ids));
		});
		pruned += ids.length;
		if (due.length < batch) return pruned;
	}
}

/** Closes a run as interrupted with `message` if it is still marked running; false when it had already ended. */
export async function closeRunIfRunning(db: Database, id: string, message: string): Promise<boolean> {
	const closed = await db
		.update(runs)
		.set({ status: 'error', finishReason: 'interrupted', error: message, finishedAt: new Date(), leaseExpiresAt: null })
		.where(and(eq(runs.id, id), eq(runs.status, 'running')))
		.returning({ id: runs.id });
	return closed.length > 0;
}
