/** The audit trail: every change to people, who made it, before and after. */
import { asc, eq, sql } from 'drizzle-orm';
import type { Database } from '.';
import { auditLog } from './schema';

export type AuditEntry = typeof auditLog.$inferInsert;

/**
 * Records many changes at once (a large operation such as an import): each batch is one JSON
 * array the database unpacks, since a query builder's per-value parameters cost more than the
 * writing at 100,000 entries. Entries keep their order (the sequence undo reads them by); the
 * id and time are the database's defaults.
 */
export async function insertAuditEntries(db: Database, entries: AuditEntry[]): Promise<void> {
	for (let start = 0; start < entries.length; start += AUDIT_BATCH) {
		const records = entries.slice(start, start + AUDIT_BATCH).map((entry) => ({
			organization_id: entry.organizationId,
			person_id: entry.personId,
			action: entry.action,
			actor_kind: entry.actorKind,
			actor_id: entry.actorId ?? null,
			run_id: entry.runId ?? null,
			change_id: entry.changeId ?? null,
			before: entry.before ?? null,
			after: entry.after ?? null
		}));
		await db.execute(sql`
			insert into audit_log (organization_id, person_id, action, actor_kind, actor_id, run_id, change_id, before, after)
			select organization_id, person_id, action, actor_kind, actor_id, run_id, change_id, before, after
			from rows from (jsonb_to_recordset(${JSON.stringify(records)}::jsonb)
				as (organization_id uuid, person_id uuid, action text, actor_kind text, actor_id text, run_id uuid, change_id uuid, before jsonb, after jsonb))
				with ordinality as entry(organization_id, person_id, action, actor_kind, actor_id, run_id, change_id, before, after, position)
			order by position`);
	}
}

const AUDIT_BATCH = 2000;

/** The organization's audit entries, oldest first. */
export function listAuditEntries(db: Database, organizationId: string): Promise<(typeof auditLog.$inferSelect)[]> {
	return db
		.select()
		.from(auditLog)
		.where(eq(auditLog.organizationId, organizationId))
		.orderBy(asc(auditLog.seq));
}
