/**
 * `npm run bench`: runs every suite in bench/suites/index.ts one after another, prints each table,
 * writes bench/results/latest.json and rewrites BENCHMARKS.md (the table, the goals, the machine,
 * the date).
 *
 *   npm run bench                        everything, full sizes (several minutes)
 *   npm run bench -- --only=streaming    one suite (or a comma-separated list); writes no BENCHMARKS.md
 *   npm run bench -- --only=streaming --update
 *                                        re-runs those suites and puts their results into latest.json
 *                                        and BENCHMARKS.md in place of the earlier ones (the rest stay)
 *   npm run bench -- --smoke             tiny sizes: proves every suite runs (npm test runs this)
 *   npm run bench -- --out=<dir>         where latest.json goes (default bench/results)
 *   npm run bench -- --render            rewrites BENCHMARKS.md from latest.json and bench/notes.md,
 *                                        running nothing (after editing the notes)
 *
 * PostgreSQL and Redis figures need TEST_DATABASE_URL / TEST_REDIS_URL (as the tests do); without
 * them those rows are left out and the report says so.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
const update = Boolean(flag('update'));
if (update && (!only || smoke)) {
	console.error('--update goes with --only=<suites> (and not with --smoke): it replaces those suites in latest.json.');
	process.exit(2);
}
const outDir = resolve(value('out') ?? join(root, 'bench', 'results'));
if (flag('render')) {
	const latest = join(outDir, 'latest.json');
	if (!existsSync(latest)) {
		console.error(`--render needs an earlier full run's ${latest}.`);
		process.exit(2);
	}
	writeFileSync(join(root, 'BENCHMARKS.md'), renderMarkdown(JSON.parse(readFileSync(latest, 'utf8')), readNotes()));
	console.log(`Wrote BENCHMARKS.md from ${latest}.`);
	process.exit(0);
}
if (update && !existsSync(join(outDir, 'latest.json'))) {
	console.error(`--update needs an earlier full run's ${join(outDir, 'latest.json')}.`);
	process.exit(2);
}
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

type Report = { date: string; smoke: boolean; machine: Machine; suites: typeof results };
const latestPath = join(outDir, 'latest.json');
let report: Report = { date: started.toISOString(), smoke, machine, suites: results };
if (update) {
	// The earlier run's suites, in their order, with the re-run ones in their place.
	const earlier = JSON.parse(readFileSync(latestPath, 'utf8')) as Report;
	const rerun = new Map(results.map((suite) => [suite.id, suite]));
	const merged = earlier.suites.map((suite) => rerun.get(suite.id) ?? suite);
	for (const suite of results) if (!earlier.suites.some((old) => old.id === suite.id)) merged.push(suite);
	report = { ...earlier, date: started.toISOString(), machine, suites: merged };
}
const complete = !smoke && (!only || update);
mkdirSync(outDir, { recursive: true });
writeFileSync(complete ? latestPath : join(outDir, smoke ? 'smoke.json' : `partial-${only!.join('-')}.json`), `${JSON.stringify(report, null, 2)}\n`);
// A suite that failed shows its error in BENCHMARKS.md, and the run exits non-zero; re-run it with --only=<id> --update.
if (complete) writeFileSync(join(root, 'BENCHMARKS.md'), renderMarkdown(report, readNotes()));
console.log(
	`\nBench ${failed ? 'FAILED' : 'done'}: ${results.length} suites.` + (complete ? ` Wrote BENCHMARKS.md and ${latestPath}.` : ` Wrote ${outDir}.`)
);
process.exit(failed ? 1 : 0);

/** bench/notes.md: the hand-written part of BENCHMARKS.md (where the floor is for goals not met, what was tried). */
function readNotes(): string | undefined {
	const path = join(root, 'bench', 'notes.md');
	return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}
