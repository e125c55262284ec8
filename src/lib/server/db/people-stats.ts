/** An organization's shape, counted by the database: headcount, departments, spans of control, depth. */
import { sql } from 'drizzle-orm';
import type { Database } from '.';
import { selectRows } from './people-tree';

export type PeopleStats = {
	/** People, open roles excluded. */
	headcount: number;
	vacancies: number;
	/** Open roles excluded; null is no department. */
	departments: { name: string | null; count: number }[];
	/** People with at least one direct report. */
	managers: number;
	/** People who have a manager. */
	reporting: number;
	/** The manager with the most direct reports (ties: whose first report by name comes first). */
	widest: { id: string; reports: number } | null;
	/** Levels from the roots down; a lone root is 1, an empty org 0. */
	depth: number;
};

/**
 * Counts the organization in two queries that each read its people once: one groups them by
 * department, the other by manager, and walks the much smaller tree of managers for the depth.
 */
export async function selectPeopleStats(db: Database, organizationId: string): Promise<PeopleStats> {
	const [groups, [shape]] = await Promise.all([
		selectRows<{ department: string | null; vacancy: boolean; count: number }>(
			db,
			sql`select department, vacancy, count(*)::int as count from people where organization_id = ${organizationId} group by department, vacancy`
		),
		selectRows<{ managers: number; reporting: number; widest_id: string | null; widest_reports: number | null; deepest_manager: number | null; has_root: boolean }>(
			db,
			sql`with recursive spans as materialized (
					select m.id, m.manager_id as parent, s.reports, s.first_report
					from (select manager_id, count(*)::int as reports, min(name) as first_report from people
						where organization_id = ${organizationId} and manager_id is not null group by manager_id) as s
					join people m on m.id = s.manager_id
				),
				tree(id, level) as (
					select id, 1 from spans where parent is null
					union all
					select spans.id, tree.level + 1 from tree join spans on spans.parent = tree.id
				)
				select (select count(*) from spans)::int as managers,
					(select coalesce(sum(reports), 0) from spans)::int as reporting,
					(select id from spans order by reports desc, first_report, id limit 1) as widest_id,
					(select max(reports) from spans)::int as widest_reports,
					(select max(level) from tree)::int as deepest_manager,
					exists (select 1 from people where organization_id = ${organizationId} and manager_id is null) as has_root`
		)
	]);
	const departments = new Map<string | null, number>();
	let headcount = 0;
	let vacancies = 0;
	for (const group of groups) {
		const count = Number(group.count);
		if (group.vacancy) vacancies += count;
		else {
			headcount += count;
			departments.set(group.department, count);
		}
	}
	// The deepest people report to the deepest manager; an org of lone roots is one level deep.
	const depth = shape.deepest_manager !== null ? Number(shape.deepest_manager) + 1 : shape.has_root ? 1 : 0;
	return {
		headcount,
		vacancies,
		departments: [...departments].map(([name, count]) => ({ name, count })),
		managers: Number(shape.managers),
		reporting: Number(shape.reporting),
		widest: shape.widest_id ? { id: shape.widest_id, reports: Number(shape.widest_reports) } : null,
		depth
	};
}

type CachedStats = { seq: number | null; stats: PeopleStats };
/** Per database handle (a transaction is its own), per organization, the last stats and the change they were counted at. */
const cached = new WeakMap<Database, Map<string, CachedStats>>();
const CACHED_ORGANIZATIONS = 64;

/**
 * selectPeopleStats, counted again only when the organization has had a change since the last
 * count. Every write to people is recorded as a change (org-transaction.ts), so the latest change's
 * `seq` (one index lookup) says whether the figures still hold: counting 100,000 people takes tens
 * of milliseconds, the lookup well under one. The `seq` is read before the count, so a change that
 * lands in between is counted and only makes the next call count again.
 */
export async function selectPeopleStatsCached(db: Database, organizationId: string): Promise<PeopleStats> {
	const [latest] = await selectRows<{ seq: number | null }>(db, sql`select max(seq)::int as seq from changes where organization_id = ${organizationId}`);
	const seq = latest?.seq === null || latest?.seq === undefined ? null : Number(latest.seq);
	let byOrg = cached.get(db);
	if (!byOrg) cached.set(db, (byOrg = new Map()));
	const hit = byOrg.get(organizationId);
	if (hit && hit.seq === seq) return hit.stats;
	const stats = await selectPeopleStats(db, organizationId);
	byOrg.delete(organizationId);
	byOrg.set(organizationId, { seq, stats });
	// The least recently counted organization goes first.
	if (byOrg.size > CACHED_ORGANIZATIONS) byOrg.delete(byOrg.keys().next().value!);
	return stats;
}
