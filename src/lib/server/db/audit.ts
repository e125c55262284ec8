/** The audit trail: every change to people, who made it, before and after. */
import { asc, eq } from 'drizzle-orm';
import type { Database } from '.';
import { auditLog } from './schema';

export type AuditEntry = typeof auditLog.$inferInsert;

/** Records one change to a person. */
export async function insertAuditEntry(db: Database, entry: AuditEntry): Promise<void> {
	await db.insert(auditLog).values(entry);
}

/** The organization's audit entries, oldest first. */
export function listAuditEntries(db: Database, organizationId: string): Promise<(typeof auditLog.$inferSelect)[]> {
	return db
		.select()
		.from(auditLog)
		.where(eq(auditLog.organizationId, organizationId))
		.orderBy(asc(auditLog.seq));
}
