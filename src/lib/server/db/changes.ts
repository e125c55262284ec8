/** Operations on people (history and undo): one row per change, its per-person entries in audit_log. */
import { and, asc, desc, eq, gt, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Database } from '.';
import { auditLog, changes, user } from './schema';

export type ChangeRow = typeof changes.$inferSelect;
export type NewChangeRow = typeof changes.$inferInsert;
export type AuditRow = typeof auditLog.$inferSelect;

/** Inserts one change. */
export async function insertChange(db: Database, values: NewChangeRow): Promise<ChangeRow> {
	const [row] = await db.insert(changes).values(values).returning();
	return row;
}

/** One change of the organization, locked for the rest of the transaction when `forUpdate`. */
export async function getChange(db: Database, organizationId: string, id: string, forUpdate = false): Promise<ChangeRow | undefined> {
	const query = db
		.select()
		.from(changes)
		.where(and(eq(changes.id, id), eq(changes.organizationId, organizationId)));
	const [row] = forUpdate ? await query.for('update') : await query;
	return row;
}

/** Marks a change as reverted by another. */
export async function markUndone(db: Database, id: string, undoneBy: string): Promise<void> {
	await db.update(changes).set({ undoneBy }).where(eq(changes.id, id));
}

/** A change's per-person entries, in the order they were written. */
export function listChangeEntries(db: Database, changeId: string): Promise<AuditRow[]> {
	return db
		.select()
		.from(auditLog)
		.where(eq(auditLog.changeId, changeId))
		.orderBy(asc(auditLog.seq));
}

export type ChangeQuery = {
	personId?: string;
	limit: number;
	/** Only changes older than this one (a change's sequence number) … */
	beforeSeq?: number;
	/** … or older than this time. */
	beforeTime?: Date;
	/** Only the changes this conversation (or, without one, this user) made. */
	conversationId?: string;
	actorUserId?: string;
	/** Leave out changes that are themselves undos. */
	excludeUndos?: boolean;
	/** Leave out changes already undone. */
	excludeUndone?: boolean;
};

/** The organization's changes, newest first, with the acting user's name. */
export function listChanges(db: Database, organizationId: string, query: ChangeQuery) {
	const conditions: SQL[] = [eq(changes.organizationId, organizationId)];
	if (query.personId) conditions.push(sql`${changes.personIds} @> array[${query.personId}]::uuid[]`);
	if (query.beforeSeq !== undefined) conditions.push(lt(changes.seq, query.beforeSeq));
	if (query.beforeTime) conditions.push(lt(changes.at, query.beforeTime));
	if (query.conversationId) conditions.push(eq(changes.conversationId, query.conversationId));
	if (query.actorUserId) conditions.push(eq(changes.actorUserId, query.actorUserId));
	if (query.excludeUndos) conditions.push(sql`${changes.undoOf} is null`);
	if (query.excludeUndone) conditions.push(sql`${changes.undoneBy} is null`);
	return db
		.select({ change: changes, userName: user.name })
		.from(changes)
		.leftJoin(user, eq(user.id, changes.actorUserId))
		.where(and(...conditions))
		.orderBy(desc(changes.seq))
		.limit(query.limit);
}

/** One change with the acting user's name. */
export async function getChangeWithActor(db: Database, organizationId: string, id: string) {
	const [row] = await db
		.select({ change: changes, userName: user.name })
		.from(changes)
		.leftJoin(user, eq(user.id, changes.actorUserId))
		.where(and(eq(changes.id, id), eq(changes.organizationId, organizationId)));
	return row;
}

/** The organization's changes after a sequence number, oldest first, with the acting user's name. */
export function listChangesAfter(db: Database, organizationId: string, afterSeq: number, limit: number) {
	return db
		.select({ change: changes, userName: user.name })
		.from(changes)
		.leftJoin(user, eq(user.id, changes.actorUserId))
		.where(and(eq(changes.organizationId, organizationId), gt(changes.seq, afterSeq)))
		.orderBy(asc(changes.seq))
		.limit(limit);
}

/** The per-person entries of several changes, in the order they were written. */
export function listEntriesOfChanges(db: Database, changeIds: string[]): Promise<AuditRow[]> {
	if (changeIds.length === 0) return Promise.resolve([]);
	return db.select().from(auditLog).where(inArray(auditLog.changeId, changeIds)).orderBy(asc(auditLog.seq));
}

/** The sequence number of the organization's latest change (0 when it has none). */
export async function latestChangeSeq(db: Database, organizationId: string): Promise<number> {
	const [row] = await db
		.select({ seq: sql<number | null>`max(${changes.seq})` })
		.from(changes)
		.where(eq(changes.organizationId, organizationId));
	return Number(row?.seq ?? 0);
}
