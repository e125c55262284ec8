/**
 * The unit-level complement: the jsdom bench of the chat store's cost per streamed token
 * (tests/bench/token-cost.bench.ts), run through `vitest bench` and reported as ratios to its
 * baselines.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BenchSuite, Table } from '../lib/suite';

const root = resolve(import.meta.dirname, '..', '..');

type VitestBench = { name: string; mean: number; hz: number };
type VitestGroup = { fullName: string; benchmarks: VitestBench[] };
type VitestOutput = { files: { groups: VitestGroup[] }[] };

export const tokenCostSuite: BenchSuite = {
	id: 'token-cost',
	title: 'Chat store: cost of one streamed token (jsdom)',
	async run(context) {
		const output = join(context.tmpDir, 'token-cost.json');
		const args = ['vitest', 'bench', '--run', 'tests/bench', '--outputJson', output];
		await new Promise<void>((resolveRun, reject) => {
			const child = spawn('npx', args, {
				cwd: root,
				stdio: ['ignore', 'ignore', 'pipe'],
				env: { ...process.env, ORGANICHART_BENCH_SMOKE: context.smoke ? '1' : '' }
			});
			let errors = '';
			child.stderr.on('data', (chunk) => (errors += chunk));
			child.once('error', reject);
			child.once('exit', (code) => (code === 0 ? resolveRun() : reject(new Error(`vitest bench failed (${code}):\n${errors}`))));
		});
		const parsed = JSON.parse(readFileSync(output, 'utf8')) as VitestOutput;
		const tables: Table[] = [];
		const goals = [];
		for (const group of parsed.files.flatMap((file) => file.groups)) {
			const [baseline] = group.benchmarks.filter((bench) => bench.name.includes('(baseline)'));
			const rows = group.benchmarks.map((bench) => [
				bench.name,
				`${(bench.mean * 1000).toFixed(2)} µs`,
				baseline ? `${(bench.mean / baseline.mean).toFixed(1)}×` : null
			]);
			tables.push({ title: group.fullName.replace(/^.*> /, ''), columns: ['case', 'mean per token', 'vs baseline'], rows });
			if (baseline && !group.fullName.includes('guide')) {
				const worst = Math.max(...group.benchmarks.map((bench) => bench.mean / baseline.mean));
				goals.push({ name: `${group.fullName.replace(/^.*> /, '')}: cost stays near 1×`, target: '≤ 1.5×', measured: `${worst.toFixed(1)}×`, met: worst <= 1.5 });
			}
		}
		return { tables, goals, data: parsed.files.flatMap((file) => file.groups).map((group) => ({ group: group.fullName, benchmarks: group.benchmarks.map(({ name, mean, hz }) => ({ name, mean, hz })) })) };
	}
};
