/** The audit trail: every change to people, who made it, before and after. */
import { asc, eq } from 'drizzle-orm';
import type { Database } from '.';
import { auditLog } from './schema';

export type AuditEntry = typeof auditLog.$inferInsert;

/** Records many changes at once (a large operation such as an import), a few hundred rows per statement. */
export async function insertAuditEntries(db: Database, entries: AuditEntry[]): Promise<void> {
	for (let start = 0; start < entries.length; start += AUDIT_BATCH) {
		await db.insert(auditLog).values(entries.slice(start, start + AUDIT_BATCH));
	}
}

const AUDIT_BATCH = 500;

/** The organization's audit entries, oldest first. */
export function listAuditEntries(db: Database, organizationId: string): Promise<(typeof auditLog.$inferSelect)[]> {
	return db
		.select()
		.from(auditLog)
		.where(eq(auditLog.organizationId, organizationId))
		.orderBy(asc(auditLog.seq));
}
