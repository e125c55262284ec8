/**
 * CSV import at scale (issue 9): a generated organization of 100,000 people written as a CSV (the
 * import's own columns, managers by email) and sent through `POST /api/orgs/:org/import` of the
 * built server, first as a dry run (the preview), then applied, on PostgreSQL and on PGlite. Each
 * figure stands beside baselines of the same run: the same import of 1,000 rows (per row), and a
 * plain batched INSERT of the same 100,000 rows straight into the database (the floor the import's
 * parsing, matching, checks and history are added to).
 */
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import Papa from 'papaparse';
import pg from 'pg';
import { startAppServer, type AppServer } from '../../tests/helpers/app-server';
import { createFreshPostgresDatabase } from '../../tests/helpers/database';
import { generateOrg, insertOrg, type GeneratedPerson, type SqlClient } from '../lib/generate-org';
import { median, ms, ratio } from '../lib/stats';
import type { BenchSuite, Goal, Table } from '../lib/suite';

type Store = 'postgres' | 'pglite';
/** The bound: a 100,000-row import must not take minutes. */
const GOAL_APPLY_MS = 60_000;

type ImportRun = { rows: number; bytes: number; dryRunMs: number; applyMs: number };
type StoreRun = { store: Store; baseline: ImportRun; large: ImportRun; plainInsertMs: number; startMs: number };

/** The people as the CSV an HR system would export: the import's columns, the manager by email. */
export function toCsv(people: GeneratedPerson[]): string {
	const emailOf = new Map(people.map((person) => [person.id, person.email]));
	return Papa.unparse({
		fields: ['name', 'title', 'department', 'email', 'location', 'manager', 'start date'],
		data: people.map((person) => [
			person.name,
			person.title,
			person.department,
			person.email,
			person.location,
			person.managerId ? emailOf.get(person.managerId) : '',
			person.startDate
		])
	});
}

export const importSuite: BenchSuite = {
	id: 'import',
	title: 'CSV import: 100,000 rows through POST /api/orgs/:org/import',
	async run(context) {
		const [baselineRows, largeRows] = context.smoke ? [50, 500] : [1_000, 100_000];
		const baselineRepeats = context.smoke ? 1 : 3;
		const stores: Store[] = context.databaseUrl ? ['postgres', 'pglite'] : ['pglite'];
		const runs: StoreRun[] = [];
		for (const store of stores) {
			runs.push(await measureStore({ store, baselineRows, largeRows, baselineRepeats, tmpDir: context.tmpDir, databaseUrl: context.databaseUrl, log: context.log }));
		}
		const notes = [
			`Each import goes to a new, empty organization through the running app (HTTP on loopback, as the signed-in owner): the dry run answers JSON, the apply streams its progress as the page asks for it, timed to its last event. The dry run parses, matches and checks every row and answers the whole preview; the apply does the same and writes the people and one history entry in one transaction. The ${baselineRows.toLocaleString('en')}-row baseline is the median of ${baselineRepeats} imports.`,
			`The plain insert is a batched multi-row INSERT of the same people (1,000 a statement, no search keys, no history), run on the same database with the app stopped for PGlite (it admits one process).`
		];
		for (const run of runs) {
			notes.push(
				`${label(run.store)}: the plain insert of the ${largeRows.toLocaleString('en')} rows took ${ms(run.plainInsertMs)}; the apply took ${ratio(run.large.applyMs, run.plainInsertMs)} that, for parsing and checking the file again under the organization's lock, the search keys and their trigram indexes, and a history entry per person.`
			);
		}
		if (!context.databaseUrl) notes.push('PostgreSQL was not configured (TEST_DATABASE_URL): only PGlite was measured, and the goal is read on PGlite.');
		const goals: Goal[] = runs.map((run) => ({
			name: `apply a ${largeRows.toLocaleString('en')}-row CSV (${label(run.store)})`,
			target: `< ${GOAL_APPLY_MS / 1000} s`,
			measured: ms(run.large.applyMs),
			met: run.large.applyMs < GOAL_APPLY_MS
		}));
		if (context.smoke) notes.push('Smoke run: tiny sizes, the figures mean nothing.');
		return { tables: runs.map((run) => tableFor(run)), goals, notes, data: runs };
	}
};

const label = (store: Store) => (store === 'postgres' ? 'PostgreSQL' : 'PGlite');

function tableFor(run: StoreRun): Table {
	const { baseline, large } = run;
	const perRow = (value: number, rows: number) => `${((value / rows) * 1000).toFixed(0)} µs`;
	const rate = (value: number, rows: number) => `${Math.round(rows / (value / 1000)).toLocaleString('en')}/s`;
	const row = (name: string, base: number, value: number) => [
		name,
		ms(base),
		ms(value),
		perRow(value, large.rows),
		rate(value, large.rows),
		ratio(value / large.rows, base / baseline.rows),
		ratio(value, run.plainInsertMs)
	];
	return {
		title: `${label(run.store)}: import of ${large.rows.toLocaleString('en')} rows (${(large.bytes / 1024 / 1024).toFixed(1)} MB CSV)`,
		description: `Wall time of each request. "per row vs ${baseline.rows.toLocaleString('en')}" is the time per row at ${large.rows.toLocaleString('en')} rows over the time per row at ${baseline.rows.toLocaleString('en')} (1.0× scales linearly); "vs plain insert" is over a batched INSERT of the same rows (${ms(run.plainInsertMs)}).`,
		columns: ['request', `${baseline.rows.toLocaleString('en')} rows`, `${large.rows.toLocaleString('en')} rows`, 'per row', 'rows/s', `per row vs ${baseline.rows.toLocaleString('en')}`, 'vs plain insert'],
		rows: [row('dry run (preview)', baseline.dryRunMs, large.dryRunMs), row('apply', baseline.applyMs, large.applyMs)]
	};
}

async function measureStore(options: {
	store: Store;
	baselineRows: number;
	largeRows: number;
	baselineRepeats: number;
	tmpDir: string;
	databaseUrl?: string;
	log: (message: string) => void;
}): Promise<StoreRun> {
	const { store, log } = options;
	const dataDir = join(options.tmpDir, `import-${store}`);
	const fresh = store === 'postgres' ? await createFreshPostgresDatabase(options.databaseUrl!) : undefined;
	const env: Record<string, string> = fresh ? { DATABASE_URL: fresh.url } : {};
	let app: AppServer | undefined;
	try {
		const startBegin = performance.now();
		app = await startAppServer(env, dataDir);
		const startMs = performance.now() - startBegin;
		const baselineCsv = toCsv(generateOrg(options.baselineRows, { seed: 7 }));
		const baselines: ImportRun[] = [];
		for (let index = 0; index < options.baselineRepeats; index++) {
			log(`${store}: ${options.baselineRows.toLocaleString('en')}-row import ${index + 1}/${options.baselineRepeats}`);
			baselines.push(await timeImport(app, baselineCsv, options.baselineRows));
		}
		const baseline: ImportRun = {
			rows: options.baselineRows,
			bytes: Buffer.byteLength(baselineCsv),
			dryRunMs: median(baselines.map((run) => run.dryRunMs)),
			applyMs: median(baselines.map((run) => run.applyMs))
		};
		const people = generateOrg(options.largeRows, { seed: 11 });
		log(`${store}: ${options.largeRows.toLocaleString('en')}-row import`);
		const large = await timeImport(app, toCsv(people), options.largeRows);
		log(`${store}: dry run ${ms(large.dryRunMs)}, apply ${ms(large.applyMs)}; plain insert of the same rows`);
		const plainOrg = await newOrg(app, 'Plain insert');
		await app.stop();
		app = undefined;
		const plainInsertMs = await timePlainInsert(store, dataDir, fresh?.url, plainOrg, people);
		return { store, baseline, large, plainInsertMs, startMs };
	} finally {
		await app?.stop();
		await fresh?.drop();
	}
}

let orgCounter = 0;
async function newOrg(app: AppServer, name: string): Promise<string> {
	const response = await app.fetch('/api/orgs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: `${name} ${++orgCounter}` }) });
	if (!response.ok) throw new Error(`POST /api/orgs: ${response.status} ${await response.text()}`);
	return ((await response.json()) as { organization: { id: string } }).organization.id;
}

/**
 * A dry run, then the apply, of `csv` into a new organization; checks both counted every row. The
 * apply streams its progress (as the page asks for it), so a long one is never cut by a client's
 * wait for the response headers.
 */
async function timeImport(app: AppServer, csv: string, rows: number): Promise<ImportRun> {
	const orgId = await newOrg(app, `Import ${rows}`);
	const post = async (query: string) => {
		const stream = query === '';
		const start = performance.now();
		let status = 0;
		let summary: { add: number; errors: number } | undefined;
		let text = '';
		try {
			const response = await app.fetch(`/api/orgs/${orgId}/import${query}`, {
				method: 'POST',
				headers: { 'content-type': 'text/csv', ...(stream && { accept: 'text/event-stream' }) },
				body: csv
			});
			status = response.status;
			text = await response.text();
		} catch (error) {
			// Say why (a timeout, a dropped connection) and what the server said, not just "fetch failed".
			const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
			throw new Error(`import${query} of ${rows} rows failed after ${ms(performance.now() - start)} (${String(error)}${cause}); the app's last output:\n${app.logs().slice(-2000)}`, { cause: error });
		}
		const elapsed = performance.now() - start;
		if (stream) {
			const events = text.split('\n').filter((line) => line.startsWith('data:')).map((line) => JSON.parse(line.slice(5)) as { type: string; summary?: typeof summary });
			summary = events.find((event) => event.type === 'result')?.summary;
		} else if (status === 200) {
			summary = (JSON.parse(text) as { summary?: typeof summary }).summary;
		}
		if (status !== 200 || summary?.add !== rows || summary.errors !== 0) {
			throw new Error(`import${query} of ${rows} rows: ${status} ${text.slice(-400)}`);
		}
		return elapsed;
	};
	const dryRunMs = await post('?dryRun=1');
	const applyMs = await post('');
	return { rows, bytes: Buffer.byteLength(csv), dryRunMs, applyMs };
}

/** The same people inserted straight into the database in batches (fresh ids: the import's rows stay). */
async function timePlainInsert(store: Store, dataDir: string, url: string | undefined, orgId: string, people: GeneratedPerson[]): Promise<number> {
	const ids = new Map(people.map((person) => [person.id, crypto.randomUUID()]));
	const copies = people.map((person) => ({
		...person,
		id: ids.get(person.id)!,
		email: `plain.${person.email}`,
		managerId: person.managerId ? ids.get(person.managerId)! : null
	}));
	const timed = async (client: SqlClient) => {
		const start = performance.now();
		await client.query('begin');
		await insertOrg(client, orgId, copies);
		await client.query('commit');
		return performance.now() - start;
	};
	if (store === 'postgres') {
		const client = new pg.Client({ connectionString: url });
		await client.connect();
		try {
			return await timed(client);
		} finally {
			await client.end();
		}
	}
	const client = new PGlite(join(dataDir, 'pglite'), { extensions: { pg_trgm, fuzzystrmatch } });
	try {
		// Opening the database is not part of the insert.
		await client.waitReady;
		return await timed(client);
	} finally {
		await client.close();
	}
}
