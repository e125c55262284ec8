/**
 * `npm run bench`: runs every suite in bench/suites/index.ts one after another, prints each table,
 * writes bench/results/latest.json and rewrites BENCHMARKS.md (the table, the goals, the machine,
 * the date).
 *
 *   npm run bench                        everything, full sizes (several minutes)
 *   npm run bench -- --only=streaming    one suite (or a comma-separated list); writes no BENCHMARKS.md
 *   npm run bench -- --smoke             tiny sizes: proves every suite runs (npm test runs this)
 *   npm run bench -- --out=<dir>         where latest.json goes (default bench/results)
 *
 * PostgreSQL and Redis figures need TEST_DATABASE_URL / TEST_REDIS_URL (as the tests do); without
 * them those rows are left out and the report says so.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { buildIfStale } from '../scripts/build-if-stale.js';
import { renderMarkdown, renderTableText } from './lib/report';
import type { BenchContext, SuiteResult } from './lib/suite';
import { suites } from './suites/index';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const flag = (name: string) => args.find((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
const value = (name: string) => flag(name)?.split('=').slice(1).join('=') || undefined;

const smoke = Boolean(flag('smoke'));
const only = value('only')?.split(',');
const outDir = resolve(value('out') ?? join(root, 'bench', 'results'));
const selected = only ? suites.filter((suite) => only.includes(suite.id)) : suites;
if (only && selected.length !== only.length) {
	console.error(`Unknown suite in --only=${only.join(',')}. Suites: ${suites.map((suite) => suite.id).join(', ')}`);
	process.exit(2);
}

export type Machine = { cpu: string; cores: number; memory: string; node: string; platform: string };
const machine: Machine = {
	cpu: cpus()[0]?.model.trim() ?? 'unknown',
	cores: cpus().length,
	memory: `${Math.round(totalmem() / 1024 ** 3)} GB`,
	node: process.version,
	platform: `${process.platform} ${process.arch}`
};

// Suites run the built app, as npm start does.
buildIfStale();

const started = new Date();
const results: { id: string; title: string; seconds: number; result?: SuiteResult; error?: string }[] = [];
let failed = false;
for (const suite of selected) {
	const tmpDir = mkdtempSync(join(tmpdir(), `organichart-bench-${suite.id}-`));
	const context: BenchContext = {
		smoke,
		tmpDir,
		log: (message) => console.log(`  [${suite.id}] ${message}`),
		databaseUrl: process.env.TEST_DATABASE_URL || process.env.BENCH_DATABASE_URL || undefined,
		redisUrl: process.env.TEST_REDIS_URL || process.env.BENCH_REDIS_URL || undefined
	};
	console.log(`\n== ${suite.title}${smoke ? ' (smoke)' : ''}`);
	const t0 = performance.now();
	try {
		const result = await suite.run(context);
		const seconds = (performance.now() - t0) / 1000;
		results.push({ id: suite.id, title: suite.title, seconds, result });
		for (const table of result.tables) console.log(`\n${renderTableText(table)}`);
		for (const goal of result.goals) console.log(`  ${goal.met ? 'met    ' : 'NOT MET'}  ${goal.name}: ${goal.measured} (goal ${goal.target})`);
		console.log(`  (${seconds.toFixed(0)} s)`);
	} catch (error) {
		failed = true;
		const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
		results.push({ id: suite.id, title: suite.title, seconds: (performance.now() - t0) / 1000, error: message });
		console.error(`  suite ${suite.id} failed:\n${message}`);
	} finally {
		rmSync(tmpDir, { recursive: true, force: true });
	}
}

const report = { date: started.toISOString(), smoke, machine, suites: results };
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, smoke ? 'smoke.json' : only ? `partial-${only.join('-')}.json` : 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
if (!smoke && !only && !failed) writeFileSync(join(root, 'BENCHMARKS.md'), renderMarkdown(report));
console.log(
	`\nBench ${failed ? 'FAILED' : 'done'}: ${results.length} suites.` +
		(!smoke && !only && !failed ? ' Wrote BENCHMARKS.md and bench/results/latest.json.' : ` Wrote ${outDir}.`)
);
process.exit(failed ? 1 : 0);
