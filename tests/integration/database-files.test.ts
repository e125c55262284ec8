/**
 * The embedded database's files: a new DATA_DIR gets a migrated database of its own (a copy of
 * the template), an existing one keeps its data, and creating a database happens in a short-lived
 * process, so the memory PGlite's initdb takes is never the server's.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db';
import { insertOrganizationIfAbsent, selectOrganizations } from '../../src/lib/server/db/organizations';
import { listPeople } from '../../src/lib/server/db/people';
import { createDatabaseInChild } from '../../src/lib/server/db/pglite-files.js';

const root = resolve(import.meta.dirname, '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'organichart-database-files-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const residentBytes = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))![1]) * 1024;

describe('the embedded database files', () => {
	it('gives each new DATA_DIR a migrated database of its own, and keeps it across restarts', async () => {
		const first = await openDatabase({ kind: 'pglite', dataDir: join(scratch, 'first') });
		await insertOrganizationIfAbsent(first.db, { slug: 'first-org', name: 'First' });
		await first.close();
		const second = await openDatabase({ kind: 'pglite', dataDir: join(scratch, 'second') });
		const inSecond = await selectOrganizations(second.db);
		await second.close();
		expect(inSecond).toEqual([]);

		const reopened = await openDatabase({ kind: 'pglite', dataDir: join(scratch, 'first') });
		const inFirst = await selectOrganizations(reopened.db);
		await reopened.close();
		expect(inFirst.map((org) => org.slug)).toEqual(['first-org']);
	}, 120_000);

	it('creates a database in a child process, leaving this process as large as it was', async () => {
		const before = residentBytes();
		const target = join(scratch, 'created', 'pglite');
		await createDatabaseInChild(root, target);
		expect(existsSync(join(target, 'PG_VERSION'))).toBe(true);
		// initdb alone takes ~800 MB; a few MB of this process's own churn is allowed.
		expect(residentBytes() - before).toBeLessThan(50 * 1024 * 1024);
		const created = await openDatabase({ kind: 'pglite', dataDir: join(scratch, 'created') });
		const [organizations, people] = await Promise.all([selectOrganizations(created.db), listPeople(created.db, crypto.randomUUID())]);
		await created.close();
		expect({ organizations, people }).toEqual({ organizations: [], people: [] });
	}, 180_000);
});
