/**
 * The smoke mode of `npm run bench`: every suite runs end to end with tiny sizes and short
 * durations, so a change that breaks the benchmark is caught here, not on the next full run.
 * It asserts that each suite produced figures, not how fast anything is (speed goals live in the
 * full bench, as ratios to baselines measured in the same run).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { suites } from '../../bench/suites/index';

const root = resolve(import.meta.dirname, '..', '..');
const outDir = mkdtempSync(join(tmpdir(), 'organichart-bench-smoke-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

type Report = { smoke: boolean; suites: { id: string; error?: string; result?: { tables: { rows: unknown[][] }[]; goals: unknown[] } }[] };

describe('npm run bench -- --smoke', () => {
	it('runs every suite and reports figures for each', { timeout: 900_000 }, () => {
		const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--smoke', `--out=${outDir}`], {
			cwd: root,
			env: process.env,
			encoding: 'utf8',
			timeout: 880_000
		});
		expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
		const report = JSON.parse(readFileSync(join(outDir, 'smoke.json'), 'utf8')) as Report;
		expect(report.smoke).toBe(true);
		expect(report.suites.map((suite) => suite.id)).toEqual(suites.map((suite) => suite.id));
		for (const suite of report.suites) {
			expect(suite.error, suite.id).toBeUndefined();
			expect(suite.result!.tables.length, suite.id).toBeGreaterThan(0);
			for (const table of suite.result!.tables) expect(table.rows.length, suite.id).toBeGreaterThan(0);
		}
	});
});
