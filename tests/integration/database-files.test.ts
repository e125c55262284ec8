/**
 * The embedded database's files: a new DATA_DIR gets a migrated database of its own (a copy of
 * the template), an existing one keeps its data, and creating a database happens in a short-lived
 * process, so the memory PGlite's initdb takes is never the server's.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db';
import { createDatabaseInChild } from '../../src/lib/server/db/pglite-files.js';

const root = resolve(import.meta.dirname, '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'organichart-database-files-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const residentBytes = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))![1]) * 1024;

describe('the embedded database files', () => {
	it('gives each new DATA_DIR a migrated database of its own, and keeps it across restarts', async () => {
		const first = await openDatabase({ kind: 'pglite', dataDir: join(scratch, 'first') });
		await first.db.execute(sql`insert into organizations (slug, name) values ('first-org', 'First')`);
		await first.close();
		const second = await openDatabase({ kind: 'pglite', dataDir: join(scratch, 'second') });
		const inSecond = await second.db.execute(sql`select slug from organizations`);
		await second.close();
		expect(inSecond.rows).toEqual([]);

		const reopened = await openDatabase({ kind: 'pglite', dataDir: join(scratch, 'first') });
		const inFirst = await reopened.db.execute(sql`select slug from organizations`);
		await reopened.close();
		expect(inFirst.rows).toEqual([{ slug: 'first-org' }]);
	}, 120_000);

	it('creates a database in a child process, leaving this process as large as it was', async () => {
		const before = residentBytes();
		const target = join(scratch, 'created', 'pglite');
		await createDatabaseInChild(root, target);
		expect(existsSync(join(target, 'PG_VERSION'))).toBe(true);
		// initdb alone takes ~800 MB; a few MB of this process's own churn is allowed.
		expect(residentBytes() - before).toBeLessThan(50 * 1024 * 1024);
		const created = await openDatabase({ kind: 'pglite', dataDir: join(scratch, 'created') });
		const tables = await created.db.execute(sql`select count(*)::int as count from information_schema.tables where table_name in ('organizations', 'people', 'runs')`);
		await created.close();
		expect(tables.rows).toEqual([{ count: 3 }]);
	}, 180_000);
});
