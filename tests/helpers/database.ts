import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/lib/server/db';

export type TestDatabaseTarget = { label: 'pglite' | 'postgres'; open: () => Promise<DatabaseHandle> };

/**
 * The databases the integration tests run on: PGlite always, and PostgreSQL too when
 * TEST_DATABASE_URL is set. Each PostgreSQL handle gets a fresh database of its own, dropped on close.
 */
export function testDatabaseTargets(): TestDatabaseTarget[] {
	const targets: TestDatabaseTarget[] = [{ label: 'pglite', open: () => openDatabase({ kind: 'pglite' }) }];
	const url = process.env.TEST_DATABASE_URL;
	if (url) targets.push({ label: 'postgres', open: () => openFreshPostgres(url) });
	return targets;
}

/** Creates an empty PostgreSQL database next to the one `adminUrl` names; `drop` removes it. */
export async function createFreshPostgresDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
	const name = `organichart_test_${randomBytes(6).toString('hex')}`;
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	await admin.query(`CREATE DATABASE ${name}`);
	await admin.end();
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		drop: async () => {
			const cleanup = new pg.Client({ connectionString: adminUrl });
			await cleanup.connect();
			await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
			await cleanup.end();
		}
	};
}

async function openFreshPostgres(adminUrl: string): Promise<DatabaseHandle> {
	const fresh = await createFreshPostgresDatabase(adminUrl);
	const handle = await openDatabase({ kind: 'postgres', url: fresh.url });
	return {
		...handle,
		close: async () => {
			await handle.close();
			await fresh.drop();
		}
	};
}
