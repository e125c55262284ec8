/**
 * Org scale (issue 7 §4, server side): generated organizations of 1,000, 10,000 and 100,000
 * people on PostgreSQL and on PGlite; p50/p99 of every tool, every people route and whole offline
 * chat turns, each beside the same figure at 1,000 people in the same run.
 */
import type { BenchSuite, Goal, Table } from '../lib/suite';
import { measureOrg, type Measurement, type OrgMeasurements, type Store } from '../lib/org-scale-measure';
import { ms, ratio } from '../lib/stats';

const GOAL_SINGLE_PERSON_P99 = 20;
const GOAL_CHAT_TURN = 100;
const GOAL_ROOT_REPORTS = 200;
const ROOT_REPORTS = 'getReports (all of the root, counted, first page)';

export const orgScaleSuite: BenchSuite = {
	id: 'org-scale',
	title: 'Org scale: tools, people routes and offline chat turns at 1,000 to 100,000 people',
	async run(context) {
		const sizes = context.smoke ? [200] : [1_000, 10_000, 100_000];
		const stores: Store[] = context.smoke || !context.databaseUrl ? ['pglite'] : ['postgres', 'pglite'];
		const iterations = context.smoke ? 3 : 40;
		const runs: OrgMeasurements[] = [];
		for (const store of stores) {
			for (const size of sizes) {
				runs.push(await measureOrg({ store, size, tmpDir: context.tmpDir, databaseUrl: context.databaseUrl, iterations, log: context.log }));
			}
		}
		const largest = sizes[sizes.length - 1];
		const tables = stores.map((store) => tableFor(store, sizes, runs.filter((run) => run.store === store)));
		const goalStore: Store = stores.includes('postgres') ? 'postgres' : 'pglite';
		const atGoal = runs.find((run) => run.store === goalStore && run.size === largest)!;
		const notes = [
			`Tools are timed in process through the tool registry (executeTool), against the app's own database while the app is stopped (PGlite admits one process); routes and chat turns through the running app (POST /api/chat, offline assistant, no token delay). ${iterations} runs each (a quarter for whole-org operations), after 2 warm-up runs.`,
			`Each organization is inserted in bulk without the folded name/search keys; opening the database fills them (then ANALYZE): ${runs.map((run) => `${run.store} ${run.size.toLocaleString('en')}: ${ms(run.fillMs)}`).join(', ')}. App start afterwards: ${runs.map((run) => `${run.store} ${run.size.toLocaleString('en')}: ${ms(run.startMs)}`).join(', ')}.`
		];
		if (!stores.includes('postgres')) {
			notes.push('PostgreSQL was not configured (TEST_DATABASE_URL): the goals below are read on PGlite' + (context.smoke ? ' at the smoke size, and mean nothing.' : ', and are marked unmet for PostgreSQL.'));
		}
		return { tables, goals: goalsFor(atGoal, goalStore === 'postgres' || context.smoke), notes, data: runs };
	}
};

function tableFor(store: Store, sizes: number[], runs: OrgMeasurements[]): Table {
	const baseline = runs.find((run) => run.size === sizes[0])!;
	const largest = runs.find((run) => run.size === sizes[sizes.length - 1])!;
	const columns = ['operation', ...sizes.flatMap((size) => [`${size.toLocaleString('en')} p50`, `${size.toLocaleString('en')} p99`]), `p50 at ${largest.size.toLocaleString('en')} vs ${baseline.size.toLocaleString('en')}`];
	const rows = baseline.measurements.map((first) => {
		const at = (run: OrgMeasurements) => run.measurements.find((measurement) => measurement.name === first.name);
		const cells = runs.flatMap((run) => [ms(at(run)?.p50 ?? Number.NaN), ms(at(run)?.p99 ?? Number.NaN)]);
		return [first.name, ...cells, ratio(at(largest)?.p50 ?? Number.NaN, first.p50)];
	});
	return {
		title: `${store === 'postgres' ? 'PostgreSQL' : 'PGlite'}: latency by organization size`,
		description: 'Tools in process; routes and chat turns over HTTP on loopback, as the signed-in owner. The last column is the p50 at the largest size over the p50 at the smallest, in this run.',
		columns,
		rows
	};
}

function goalsFor(run: OrgMeasurements, onPostgres: boolean): Goal[] {
	const where = `${run.size.toLocaleString('en')} people, ${run.store === 'postgres' ? 'PostgreSQL' : 'PGlite'}`;
	const worst = (list: Measurement[]) => list.reduce<Measurement | undefined>((max, item) => (!max || item.p99 > max.p99 ? item : max), undefined);
	const single = worst(run.measurements.filter((item) => item.kind === 'tool' && item.singlePerson));
	const chat = worst(run.measurements.filter((item) => item.kind === 'chat'));
	const root = run.measurements.find((item) => item.name === ROOT_REPORTS);
	const goal = (name: string, target: string, limit: number, item: Measurement | undefined): Goal => ({
		name: `${name} (${where})`,
		target,
		measured: item ? `${ms(item.p99)} p99 (${item.name})` : '—',
		met: onPostgres && item !== undefined && item.p99 < limit
	});
	return [
		goal('single-person tools, worst p99', `< ${GOAL_SINGLE_PERSON_P99} ms`, GOAL_SINGLE_PERSON_P99, single),
		goal('a whole offline chat turn, worst p99', `< ${GOAL_CHAT_TURN} ms`, GOAL_CHAT_TURN, chat),
		goal('all reports of the root, counted and paged, p99', `< ${GOAL_ROOT_REPORTS} ms`, GOAL_ROOT_REPORTS, root)
	];
}
