import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { fillMissingPeopleKeys } from './people-keys';
import * as schema from './schema';

/** The Drizzle handle every query module takes; the same type for PGlite and PostgreSQL. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DatabaseKind = 'pglite' | 'postgres';

export type DatabaseHandle = {
	db: Database;
	kind: DatabaseKind;
	close: () => Promise<void>;
};

export type DatabaseOptions =
	/** `dataDir` undefined keeps PGlite in memory (tests). */
	{ kind: 'pglite'; dataDir?: string } | { kind: 'postgres'; url: string };

const migrationsFolder = resolve(process.cwd(), 'drizzle');

/**
 * Bounds on every PostgreSQL wait, so an unreachable or stalled server fails a request within
 * seconds instead of holding it (and the run it belongs to) forever.
 */
export const POSTGRES_TIMEOUTS = {
	/** Opening a connection. */
	connectionTimeoutMillis: 5_000,
	/** A statement, as the server counts it. */
	statement_timeout: 15_000,
	/** A statement, as the client counts it: also covers a server or network that stopped answering. */
	query_timeout: 20_000,
	/** A transaction left open by a stalled client releases its locks. */
	idle_in_transaction_session_timeout: 30_000
} as const;

/** Opens the database and applies the migrations in `drizzle/`; fails loudly if one fails. */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
	if (options.kind === 'postgres') {
		const pool = new pg.Pool({ connectionString: options.url, max: 10, keepAlive: true, ...POSTGRES_TIMEOUTS });
		// An idle connection killed by a restart or failover is dropped by the pool; unheard, the error would end the process.
		pool.on('error', (error) => console.error('[organichart] PostgreSQL connection lost (the pool reconnects):', error.message));
		const db = drizzlePg(pool, { schema });
		try {
			await migratePg(db, { migrationsFolder });
			await fillMissingPeopleKeys(db as unknown as Database);
		} catch (error) {
			await pool.end();
			throw new Error(`Could not migrate the PostgreSQL database: ${(error as Error).message}`, { cause: error });
		}
		return { db: db as unknown as Database, kind: 'postgres', close: () => pool.end() };
	}
	if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
	// pg_trgm: trigram indexes for name narrowing and search (the migrations create the extension).
	const extensions = { pg_trgm };
	const client = options.dataDir ? new PGlite(resolve(options.dataDir, 'pglite'), { extensions }) : new PGlite({ extensions });
	const db = drizzlePglite(client, { schema });
	try {
		await migratePglite(db, { migrationsFolder });
		await fillMissingPeopleKeys(db as unknown as Database);
	} catch (error) {
		await client.close();
		throw new Error(`Could not migrate the embedded database: ${(error as Error).message}`, { cause: error });
	}
	return { db: db as unknown as Database, kind: 'pglite', close: () => client.close() };
}

export { schema };
