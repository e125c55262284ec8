/**
 * Reading the reporting lines in SQL, a few people at a time, whatever the size of the organization:
 * the top levels, a manager's reports in keyset pages, a person's chain of managers. Each person
 * comes with their count of direct reports (an index-only count per person).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Person } from '$lib/protocol';
import type { Database } from '.';

/** A person as the chart draws them: the REST `Person` and how many people report to them directly. */
export type ChartPerson = Person & { reportCount: number };

/** The columns of a ChartPerson, from `people` aliased `p`; dates and arrays as text so both drivers read them alike. */
const chartColumns = sql`p.id, p.name, p.title, p.department, p.email, p.location, p.manager_id, p.start_date::text as start_date,
	p.photo_url, p.vacancy, p.dotted_line_manager_ids::text[] as dotted_line_manager_ids,
	(select count(*) from people r where r.manager_id = p.id)::int as report_count`;

type ChartRow = {
	id: string;
	name: string;
	title: string;
	department: string | null;
	email: string | null;
	location: string | null;
	manager_id: string | null;
	start_date: string | null;
	photo_url: string | null;
	vacancy: boolean;
	dotted_line_manager_ids: string[];
	report_count: number;
};

/** Rows of a raw query: both drivers answer `{ rows }`. */
export async function selectRows<Row>(db: Database, query: SQL): Promise<Row[]> {
	return ((await db.execute(query)) as unknown as { rows: Row[] }).rows;
}

const toChartPerson = (row: ChartRow): ChartPerson => ({
	id: row.id,
	name: row.name,
	title: row.title,
	department: row.department,
	email: row.email,
	location: row.location,
	managerId: row.manager_id,
	startDate: row.start_date,
	photoUrl: row.photo_url,
	vacancy: row.vacancy,
	dottedLineManagerIds: row.dotted_line_manager_ids,
	reportCount: Number(row.report_count)
});

/** ChartPersons chosen by a condition on `p`, in chart order (name, then id). */
export async function selectChartPeople(db: Database, where: SQL, limit?: number): Promise<ChartPerson[]> {
	const rows = await selectRows<ChartRow>(
		db,
		sql`select ${chartColumns} from people p where ${where} order by p.name, p.id ${limit === undefined ? sql`` : sql`limit ${limit}`}`
	);
	return rows.map(toChartPerson);
}

/** One person of the organization with their direct-report count. */
export async function selectChartPerson(db: Database, organizationId: string, id: string): Promise<ChartPerson | undefined> {
	const [person] = await selectChartPeople(db, sql`p.id = ${id} and p.organization_id = ${organizationId}`);
	return person;
}

/** How many people the organization has (open roles included). */
export async function countPeople(db: Database, organizationId: string): Promise<number> {
	const [row] = await selectRows<{ count: number }>(db, sql`select count(*)::int as count from people where organization_id = ${organizationId}`);
	return Number(row.count);
}

/**
 * The roots and the levels below them down to `depth` (1 = the roots), breadth first, each level by
 * name then id; stops after `limit` people. One query per level, each reading only that level.
 */
export async function selectTopLevels(
	db: Database,
	organizationId: string,
	depth: number,
	limit: number
): Promise<{ people: ChartPerson[]; truncated: boolean }> {
	const found: ChartPerson[] = [];
	// One more than there is room for: that one says whether the answer stopped early.
	let level = await selectChartPeople(db, sql`p.organization_id = ${organizationId} and p.manager_id is null`, limit + 1);
	for (let current = 1; ; current++) {
		const room = limit - found.length;
		if (level.length > room) return { people: [...found, ...level.slice(0, room)], truncated: true };
		found.push(...level);
		const managers = level.filter((person) => person.reportCount > 0).map((person) => person.id);
		if (current >= depth || managers.length === 0) return { people: found, truncated: false };
		level = await selectChartPeople(db, sql`p.manager_id = any(${uuidArray(managers)})`, limit - found.length + 1);
	}
}

/** A list of ids as one `uuid[]` parameter (drizzle would otherwise spread an array into a list). */
export const uuidArray = (ids: string[]): SQL => sql`${`{${ids.join(',')}}`}::uuid[]`;

/** Whose reports a page lists, and where the previous page ended. */
export type ReportsCursor = { name: string; id: string };

/** One page of a manager's direct reports by name then id, after `after` (keyset, not offset). */
export async function selectReportsPage(
	db: Database,
	managerId: string,
	limit: number,
	after?: ReportsCursor
): Promise<{ people: ChartPerson[]; last: ReportsCursor | null }> {
	const start = after ? sql` and (p.name, p.id) > (${after.name}, ${after.id}::uuid)` : sql``;
	const rows = await selectChartPeople(db, sql`p.manager_id = ${managerId}${start}`, limit + 1);
	const page = rows.slice(0, limit);
	const lastRow = page[page.length - 1];
	return { people: page, last: rows.length > limit && lastRow ? { name: lastRow.name, id: lastRow.id } : null };
}

/** The person (with their direct-report count) and their managers up to the root, nearest first; null when the id is not in the organization. */
export async function selectWithManagers(db: Database, organizationId: string, id: string): Promise<ChartPerson[] | null> {
	const rows = await selectRows<ChartRow & { up: number }>(
		db,
		sql`with recursive chain(id, manager_id, up, seen) as (
			select id, manager_id, 0, array[id] from people where id = ${id} and organization_id = ${organizationId}
			union all
			select m.id, m.manager_id, chain.up + 1, chain.seen || m.id
			from chain join people m on m.id = chain.manager_id
			where not m.id = any(chain.seen)
		)
		select ${chartColumns}, chain.up from chain join people p on p.id = chain.id order by chain.up`
	);
	return rows.length === 0 ? null : rows.map(toChartPerson);
}
