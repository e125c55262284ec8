/**
 * Start and footprint: `npm start` (node scripts/start.js, on an existing build) to the first
 * healthy answer and to the first full page, from an empty DATA_DIR (cold) and from one that was
 * started before (warm), and the resident memory once idle. ADMIN_EMAIL / ADMIN_PASSWORD are set,
 * as for an unattended install: a cold start creates that owner, a warm start resets its password.
 * Baselines in the same run: a bare `node -e` HTTP server (the runtime's floor), PGlite alone
 * opening the warm database (the embedded database's floor), and the app on PostgreSQL (a
 * throwaway database) when TEST_DATABASE_URL is set. Also measured: making the database template
 * a cold start copies (once per PGlite version and migrations, in a short-lived process).
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createFreshPostgresDatabase } from '../../tests/helpers/database';
import { freePort } from '../../tests/helpers/app-server';
import { measureRun, measureStart, type RunSample, type StartSample } from '../lib/server-start';
import { median, megabytes, ms, ratio } from '../lib/stats';
import type { BenchContext, BenchSuite, Goal, Table } from '../lib/suite';

const root = resolve(import.meta.dirname, '..', '..');
const ADMIN = { ADMIN_EMAIL: 'owner@startup.bench', ADMIN_PASSWORD: 'startup bench password' };
const BARE_SERVER = `require('node:http').createServer((req, res) => res.end('ok')).listen(Number(process.env.PORT), process.env.HOST)`;
/** PGlite with the app's settings on an existing database, one query, then an HTTP server: what the app cannot start faster than. */
const PGLITE_ALONE = `
import { createServer } from 'node:http';
import { PGlite } from '@electric-sql/pglite';
import { pgliteOptions } from './src/lib/server/db/pglite-files.js';
const client = await PGlite.create(process.env.PGLITE_DIR, pgliteOptions());
await client.query('select 1');
createServer((req, res) => res.end('ok')).listen(Number(process.env.PORT), process.env.HOST);
process.once('SIGTERM', () => void client.close().then(() => process.exit(0)));`;

const GOAL_COLD_MS = 3_000;
const GOAL_WARM_MS = 1_000;
const GOAL_IDLE_BYTES = 250 * 1024 * 1024;

type Mode = { name: string; samples: StartSample[]; memory?: StartSample; page: boolean };

const baseEnv = () => ({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HOST: '127.0.0.1' });

/** The app as `npm start` runs it, on a fresh port, with the database settings given. */
async function appCommand(dataDir: string, databaseUrl?: string) {
	const port = await freePort();
	const env = { ...baseEnv(), PORT: String(port), DATA_DIR: dataDir, ...ADMIN, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
	return { args: [join(root, 'scripts', 'start.js')], cwd: root, env, port };
}

async function bareCommand() {
	const port = await freePort();
	return { args: ['-e', BARE_SERVER], cwd: root, env: { ...baseEnv(), PORT: String(port) }, port };
}

async function pgliteAloneCommand(pgliteDir: string) {
	const port = await freePort();
	return { args: ['--input-type=module', '-e', PGLITE_ALONE], cwd: root, env: { ...baseEnv(), PORT: String(port), PGLITE_DIR: pgliteDir }, port };
}

const medianOf = (samples: readonly StartSample[], pick: (sample: StartSample) => number | undefined) =>
	median(samples.map(pick).filter((value): value is number => value !== undefined));

export const startupSuite: BenchSuite = {
	id: 'startup',
	title: 'Start and footprint',
	async run(context: BenchContext) {
		const runs = context.smoke ? 1 : 5;
		let dirs = 0;
		const freshDir = () => mkdtempSync(join(context.tmpDir, `data-${dirs++}-`));
		const timed = { healthPath: '/healthz', page: true };
		const bare: Mode = { name: 'bare `node -e` HTTP server (runtime floor)', samples: [], page: false };
		const pgliteAlone: Mode = { name: 'PGlite alone: open the warm database, one query (database floor)', samples: [], page: false };
		const cold: Mode = { name: 'OrganiChart, PGlite, cold (empty DATA_DIR)', samples: [], page: true };
		const warm: Mode = { name: 'OrganiChart, PGlite, warm (existing DATA_DIR)', samples: [], page: true };
		const pgCold: Mode = { name: 'OrganiChart, PostgreSQL, cold (new database)', samples: [], page: true };
		const pgWarm: Mode = { name: 'OrganiChart, PostgreSQL, warm (migrated database)', samples: [], page: true };

		context.log('making a database template (what the build does once)');
		const template: RunSample[] = [];
		for (let run = 0; run < (context.smoke ? 1 : 2); run++) {
			template.push(await measureRun([join(root, 'scripts', 'create-database-template.js'), join(freshDir(), 'template')], root));
		}

		context.log('preparing the warm DATA_DIR (one cold start)');
		const warmDir = freshDir();
		await measureStart(await appCommand(warmDir), { healthPath: '/healthz', page: false });
		// PGlite alone opens its own copy, so it never touches the app's warm database.
		const aloneDir = join(freshDir(), 'pglite');
		cpSync(join(warmDir, 'pglite'), aloneDir, { recursive: true });
		const pgWarmDb = context.databaseUrl ? await createFreshPostgresDatabase(context.databaseUrl) : undefined;
		try {
			if (pgWarmDb) await measureStart(await appCommand(freshDir(), pgWarmDb.url), { healthPath: '/healthz', page: false });
			// The modes take turns, so load from elsewhere on the machine falls on all of them alike.
			for (let run = 0; run < runs; run++) {
				context.log(`run ${run + 1} of ${runs}`);
				bare.samples.push(await measureStart(await bareCommand(), { healthPath: '/', page: false }));
				pgliteAlone.samples.push(await measureStart(await pgliteAloneCommand(aloneDir), { healthPath: '/', page: false }));
				cold.samples.push(await measureStart(await appCommand(freshDir()), timed));
				warm.samples.push(await measureStart(await appCommand(warmDir), timed));
				if (context.databaseUrl && pgWarmDb) {
					const fresh = await createFreshPostgresDatabase(context.databaseUrl);
					try {
						pgCold.samples.push(await measureStart(await appCommand(freshDir(), fresh.url), timed));
					} finally {
						await fresh.drop();
					}
					pgWarm.samples.push(await measureStart(await appCommand(freshDir(), pgWarmDb.url), timed));
				}
			}
			context.log('memory when idle after start, before any page');
			const idleFirst = { ...timed, idleBeforePage: true };
			bare.memory = await measureStart(await bareCommand(), { healthPath: '/', page: false, idleBeforePage: true });
			pgliteAlone.memory = await measureStart(await pgliteAloneCommand(aloneDir), { healthPath: '/', page: false, idleBeforePage: true });
			cold.memory = await measureStart(await appCommand(freshDir()), idleFirst);
			warm.memory = await measureStart(await appCommand(warmDir), idleFirst);
			if (pgWarmDb) pgWarm.memory = await measureStart(await appCommand(freshDir(), pgWarmDb.url), idleFirst);
		} finally {
			await pgWarmDb?.drop();
		}

		const modes = [bare, pgliteAlone, cold, warm, ...(context.databaseUrl ? [pgCold, pgWarm] : [])];
		const bareHealthy = medianOf(bare.samples, (sample) => sample.healthyMs);
		const bareIdle = bare.memory?.idleAfterStartBytes ?? Number.NaN;
		const starts: Table = {
			title: 'From `npm start` to a healthy answer and a full page, and memory when idle',
			description:
				`Median of ${runs} start(s) of \`node scripts/start.js\` (what \`npm start\` runs, without npm's own start) on an existing build, ` +
				'with ADMIN_EMAIL/ADMIN_PASSWORD set (no setup screen; a cold start creates the owner, a warm one resets its password). ' +
				'"Healthy" is the first 200 of /healthz (of / for the baselines); "full page" is GET / plus every JS/CSS file it names. ' +
				'CPU is the server process\'s user+system time until healthy. RSS from /proc once the process is idle (<3% CPU for 300 ms).',
			columns: ['server', 'to healthy', '× runtime floor', 'CPU to healthy', 'to full page', 'RSS idle after start', 'RSS idle after page', '× runtime floor RSS'],
			rows: modes.map((mode) => {
				const healthy = medianOf(mode.samples, (sample) => sample.healthyMs);
				const afterPage = medianOf(mode.samples, (sample) => sample.idleAfterPageBytes);
				const afterStart = mode.memory?.idleAfterStartBytes ?? Number.NaN;
				return [
					mode.name,
					ms(healthy),
					ratio(healthy, bareHealthy),
					ms(medianOf(mode.samples, (sample) => sample.healthyCpuMs)),
					mode.page ? ms(medianOf(mode.samples, (sample) => sample.pageMs)) : null,
					megabytes(afterStart),
					mode.page ? megabytes(afterPage) : null,
					ratio(Math.max(afterStart, Number.isNaN(afterPage) ? 0 : afterPage), bareIdle)
				];
			})
		};
		const templateTable: Table = {
			title: 'Making the database template a cold start copies',
			description:
				'`node scripts/create-database-template.js <dir>`: PGlite initdb plus the migrations, in a short-lived process (the build does this once per PGlite version and migrations). Its peak memory is given back when it exits.',
			columns: ['step', 'time', 'CPU', 'peak RSS'],
			rows: [['initdb + migrations (median)', ms(median(template.map((run) => run.ms))), ms(median(template.map((run) => run.cpuMs))), megabytes(Math.max(...template.map((run) => run.peakBytes)))]]
		};

		const coldPage = medianOf(cold.samples, (sample) => sample.pageMs);
		const warmPage = medianOf(warm.samples, (sample) => sample.pageMs);
		const idleValues = [cold, warm].flatMap((mode) => [
			medianOf(mode.samples, (sample) => sample.idleAfterPageBytes),
			mode.memory?.idleAfterStartBytes ?? Number.NaN,
			mode.memory?.idleAfterPageBytes ?? Number.NaN
		]);
		const idleWorst = Math.max(...idleValues.filter(Number.isFinite));
		const goals: Goal[] = [
			{ name: 'cold start (empty DATA_DIR) to the first full page, PGlite', target: '< 3 s', measured: ms(coldPage), met: coldPage < GOAL_COLD_MS },
			{ name: 'warm start to the first full page, PGlite', target: '< 1 s', measured: ms(warmPage), met: warmPage < GOAL_WARM_MS },
			{ name: 'resident memory when idle (after start and after the first page, cold and warm), PGlite', target: '< 250 MB', measured: megabytes(idleWorst), met: idleWorst < GOAL_IDLE_BYTES }
		];
		const notes = context.databaseUrl ? [] : ['TEST_DATABASE_URL is not set: the PostgreSQL rows are left out.'];
		const data = {
			template,
			starts: Object.fromEntries(modes.map((mode) => [mode.name, { samples: mode.samples, memory: mode.memory }]))
		};
		return { tables: [starts, templateTable], goals, notes, data };
	}
};
