/** A cheap query that proves the database answers. */
import { sql } from 'drizzle-orm';
import type { Database } from '.';

/** Resolves when the database answers a trivial query; throws with the driver's error otherwise. */
export async function pingDatabase(db: Database): Promise<void> {
	await db.execute(sql`select 1`);
}
