/** Lease renewals for many runs at once (db/runs.ts has the lease of one run). */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '.';
import { runs } from './schema';

/** Ids per statement: far below PostgreSQL's limit on parameters. */
const RENEW_BATCH = 1000;

/**
 * Extends the leases of the runs `owner` holds among `ids`, by `ms` on the database's clock; returns
 * the ids it renewed. The others ended, or their lease is no longer ours.
 */
export async function renewLeases(db: Database, ids: string[], owner: string, ms: number): Promise<Set<string>> {
	const renewed = new Set<string>();
	for (let start = 0; start < ids.length; start += RENEW_BATCH) {
		const rows = await db
			.update(runs)
			.set({ leaseExpiresAt: sql`now() + ${Math.max(0, Math.round(ms))} * interval '1 millisecond'` })
			.where(and(inArray(runs.id, ids.slice(start, start + RENEW_BATCH)), eq(runs.status, 'running'), eq(runs.leaseOwner, owner)))
			.returning({ id: runs.id });
		for (const row of rows) renewed.add(row.id);
	}
	return renewed;
}
