/** An organization's shape, counted by the database: headcount, departments, spans of control, depth. */
import { sql } from 'drizzle-orm';
import type { Database } from '.';
import { selectRows } from './people-tree';

export type PeopleStats = {
	/** People, open roles excluded. */
	headcount: number;
	vacancies: number;
	/** Open roles excluded; null is no department. Largest first, then by name. */
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

/** Counts the organization in four queries, none of which returns more than a row per department. */
export async function selectPeopleStats(db: Database, organizationId: string): Promise<PeopleStats> {
	const [counts, departments, spans, depth] = await Promise.all([
		selectRows<{ headcount: number; vacancies: number }>(
			db,
			sql`select (count(*) filter (where not vacancy))::int as headcount, (count(*) filter (where vacancy))::int as vacancies
				from people where organization_id = ${organizationId}`
		),
		selectRows<{ name: string | null; count: number }>(
			db,
			sql`select department as name, count(*)::int as count from people
				where organization_id = ${organizationId} and not vacancy group by department`
		),
		selectRows<{ managers: number; reporting: number; widest_id: string | null; widest_reports: number | null }>(
			db,
			sql`with spans as (
					select manager_id, count(*)::int as reports, min(name) as first_report from people
					where organization_id = ${organizationId} and manager_id is not null group by manager_id
				)
				select count(*)::int as managers, coalesce(sum(reports), 0)::int as reporting,
					(select manager_id from spans order by reports desc, first_report, manager_id limit 1) as widest_id,
					(select max(reports) from spans)::int as widest_reports
				from spans`
		),
		selectRows<{ depth: number }>(
			db,
			sql`with recursive levels(id, level) as (
					select id, 1 from people where organization_id = ${organizationId} and manager_id is null
					union all
					select p.id, levels.level + 1 from levels join people p on p.manager_id = levels.id
				) select coalesce(max(level), 0)::int as depth from levels`
		)
	]);
	const span = spans[0];
	return {
		headcount: Number(counts[0].headcount),
		vacancies: Number(counts[0].vacancies),
		departments: departments.map((row) => ({ name: row.name, count: Number(row.count) })),
		managers: Number(span.managers),
		reporting: Number(span.reporting),
		widest: span.widest_id ? { id: span.widest_id, reports: Number(span.widest_reports) } : null,
		depth: Number(depth[0].depth)
	};
}
