/**
 * The contract every benchmark suite follows. `npm run bench` (bench/run.ts) runs the suites one
 * after another, prints their tables, writes bench/results/latest.json and rewrites BENCHMARKS.md.
 * `--smoke` runs each with tiny sizes and short durations (npm test runs that mode): the figures
 * then mean nothing, but every code path of the suite runs.
 *
 * Every figure is reported beside a baseline measured in the same run, usually as a ratio.
 */

export type BenchContext = {
	/** Tiny sizes and short durations: proves the suite runs, not how fast anything is. */
	smoke: boolean;
	/** A scratch directory of this run, removed at the end. */
	tmpDir: string;
	/** Progress for the console (long suites should say what they are doing every few seconds). */
	log: (message: string) => void;
	/** PostgreSQL / Redis for the suites that measure them; undefined when not configured (the suite then reports PGlite / memory only and says so in a note). */
	databaseUrl?: string;
	redisUrl?: string;
};

/** A cell: a number is printed rounded; a string as is. null prints as "—". */
export type Cell = string | number | null;

export type Table = {
	title: string;
	/** What the figures mean and how they were measured (one or two sentences, shown under the title). */
	description?: string;
	columns: string[];
	rows: Cell[][];
};

/** A goal of the issue, with what this run measured. */
export type Goal = {
	/** e.g. "added time to first text, p50" */
	name: string;
	/** e.g. "≤ 2 ms" */
	target: string;
	/** e.g. "1.4 ms" */
	measured: string;
	met: boolean;
};

export type SuiteResult = {
	tables: Table[];
	goals: Goal[];
	/** Findings in prose: where the floor is, what was tried, why a goal is not met here. */
	notes?: string[];
	/** Raw figures for bench/results/latest.json (any JSON). */
	data?: unknown;
};

export type BenchSuite = {
	/** Short id used by `npm run bench -- --only=<id>`. */
	id: string;
	/** Section heading in BENCHMARKS.md. */
	title: string;
	run: (context: BenchContext) => Promise<SuiteResult>;
};
