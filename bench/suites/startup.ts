/**
 * Start and footprint: `npm start` (node scripts/start.js, on an existing build) to the first
 * healthy answer and to the first full page, from an empty DATA_DIR (cold) and from one that was
 * started before (warm), and the resident memory once idle. ADMIN_EMAIL / ADMIN_PASSWORD are set,
 * as for an unattended install: a cold start creates that owner, a warm start resets its password.
 * Baselines in the same run: a bare `node -e` HTTP server (the runtime's floor), and the app on
 * PostgreSQL (a throwaway database) beside PGlite when TEST_DATABASE_URL is set.
 */
import { mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createFreshPostgresDatabase } from '../../tests/helpers/database';
import { freePort } from '../../tests/helpers/app-server';
import { measureStart, type StartSample } from '../lib/server-start';
import { median, megabytes, ms, ratio } from '../lib/stats';
import type { BenchContext, BenchSuite, Goal, Table } from '../lib/suite';

const root = resolve(import.meta.dirname, '..', '..');
const ADMIN = { ADMIN_EMAIL: 'owner@startup.bench', ADMIN_PASSWORD: 'startup bench password' };
const BARE_SERVER = `require('node:http').createServer((req, res) => res.end('ok')).listen(Number(process.env.PORT), process.env.HOST)`;

const GOAL_COLD_MS = 3_000;
const GOAL_WARM_MS = 1_000;
const GOAL_IDLE_BYTES = 250 * 1024 * 1024;

type Mode = { name: string; samples: StartSample[]; memory?: StartSample };

/** The app as `npm start` runs it, on a fresh port, with the database settings given. */
async function appCommand(dataDir: string, databaseUrl?: string) {
	const port = await freePort();
	const env: Record<string, string> = {
		PATH: process.env.PATH ?? '',
		HOME: process.env.HOME ?? '',
		HOST: '127.0.0.1',
		PORT: String(port),
		DATA_DIR: dataDir,
		...ADMIN,
		...(databaseUrl ? { DATABASE_URL: databaseUrl } : {})
	};
	return { args: [join(root, 'scripts', 'start.js')], cwd: root, env, port };
}

async function bareCommand() {
	const port = await freePort();
	return { args: ['-e', BARE_SERVER], cwd: root, env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port) }, port };
}

const medianOf = (samples: StartSample[], pick: (sample: StartSample) => number | undefined) =>
	median(samples.map(pick).filter((value): value is number => value !== undefined));

export const startupSuite: BenchSuite = {
	id: 'startup',
	title: 'Start and footprint',
	async run(context: BenchContext) {
		const runs = context.smoke ? 1 : 5;
		const freshDir = (() => {
			let count = 0;
			return () => mkdtempSync(join(context.tmpDir, `data-${count++}-`));
		})();
		const app = { healthPath: '/healthz', page: true };
		const bare: Mode = { name: 'bare `node -e` HTTP server (floor)', samples: [] };
		const cold: Mode = { name: 'OrganiChart, PGlite, cold (empty DATA_DIR)', samples: [] };
		const warm: Mode = { name: 'OrganiChart, PGlite, warm (existing DATA_DIR)', samples: [] };
		const pgCold: Mode = { name: 'OrganiChart, PostgreSQL, cold (new database)', samples: [] };
		const pgWarm: Mode = { name: 'OrganiChart, PostgreSQL, warm (migrated database)', samples: [] };

		// The modes take turns, so load from elsewhere on the machine falls on all of them alike.
		const warmDir = freshDir();
		context.log('preparing the warm DATA_DIR (one cold start)');
		await measureStart(await appCommand(warmDir), { healthPath: '/healthz', page: false });
		const pgWarmDb = context.databaseUrl ? await createFreshPostgresDatabase(context.databaseUrl) : undefined;
		try {
			if (pgWarmDb) await measureStart(await appCommand(freshDir(), pgWarmDb.url), { healthPath: '/healthz', page: false });
			for (let run = 0; run < runs; run++) {
				context.log(`run ${run + 1} of ${runs}`);
				bare.samples.push(await measureStart(await bareCommand(), { healthPath: '/', page: false }));
				cold.samples.push(await measureStart(await appCommand(freshDir()), app));
				warm.samples.push(await measureStart(await appCommand(warmDir), app));
				if (context.databaseUrl && pgWarmDb) {
					const fresh = await createFreshPostgresDatabase(context.databaseUrl);
					try {
						pgCold.samples.push(await measureStart(await appCommand(freshDir(), fresh.url), app));
					} finally {
						await fresh.drop();
					}
					pgWarm.samples.push(await measureStart(await appCommand(freshDir(), pgWarmDb.url), app));
				}
			}
			context.log('memory when idle after start, before any page');
			const idleFirst = { ...app, idleBeforePage: true };
			bare.memory = await measureStart(await bareCommand(), { healthPath: '/', page: false, idleBeforePage: true });
			cold.memory = await measureStart(await appCommand(freshDir()), idleFirst);
			warm.memory = await measureStart(await appCommand(warmDir), idleFirst);
			if (pgWarmDb) pgWarm.memory = await measureStart(await appCommand(freshDir(), pgWarmDb.url), idleFirst);
		} finally {
			await pgWarmDb?.drop();
		}

		const modes = [bare, cold, warm, ...(context.databaseUrl ? [pgCold, pgWarm] : [])];
		const bareHealthy = medianOf(bare.samples, (sample) => sample.healthyMs);
		const bareIdle = bare.memory?.idleAfterStartBytes ?? Number.NaN;
		const table: Table = {
			title: 'From `npm start` to a healthy answer and a full page, and memory when idle',
			description:
				`Median of ${runs} start(s) of \`node scripts/start.js\` on an existing build, with ADMIN_EMAIL/ADMIN_PASSWORD set (no setup screen). ` +
				'"Healthy" is the first 200 of /healthz (of / for the bare server); "full page" is GET / plus every JS/CSS file it names. ' +
				'RSS from /proc once the process is idle (<3% CPU for 300 ms), after start and after the first page.',
			columns: ['server', 'to healthy', '× floor', 'CPU to healthy', 'to full page', 'RSS idle after start', 'RSS idle after page', '× floor RSS'],
			rows: modes.map((mode) => {
				const healthy = medianOf(mode.samples, (sample) => sample.healthyMs);
				const afterPage = medianOf(mode.samples, (sample) => sample.idleAfterPageBytes);
				const afterStart = mode.memory?.idleAfterStartBytes ?? Number.NaN;
				return [
					mode.name,
					ms(healthy),
					ratio(healthy, bareHealthy),
					ms(medianOf(mode.samples, (sample) => sample.healthyCpuMs)),
					mode === bare ? null : ms(medianOf(mode.samples, (sample) => sample.pageMs)),
					megabytes(afterStart),
					mode === bare ? null : megabytes(afterPage),
					ratio(Math.max(afterStart, Number.isNaN(afterPage) ? 0 : afterPage), bareIdle)
				];
			})
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
		const data = Object.fromEntries(modes.map((mode) => [mode.name, { samples: mode.samples, memory: mode.memory }]));
		return { tables: [table], goals, notes, data };
	}
};
