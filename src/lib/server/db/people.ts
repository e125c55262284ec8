/** Queries for people. The rules live in org/people-service.ts, not here. */
import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Person, PersonRef } from '$lib/protocol';
import type { Database } from '.';
import { personKeys, refreshPersonKeys } from './people-keys';
import { people } from './schema';

export type PersonRow = typeof people.$inferSelect;
export type NewPersonRow = typeof people.$inferInsert;
export type PersonFieldChanges = Partial<
	Pick<NewPersonRow, 'name' | 'title' | 'department' | 'email' | 'location' | 'managerId' | 'startDate' | 'photoUrl' | 'vacancy' | 'dottedLineManagerIds'>
>;

/** A stored person in the shape of the REST API and the tools. */
export function toPerson(row: PersonRow): Person {
	return {
		id: row.id,
		name: row.name,
		title: row.title,
		department: row.department,
		email: row.email,
		location: row.location,
		managerId: row.managerId,
		startDate: row.startDate,
		photoUrl: row.photoUrl,
		vacancy: row.vacancy,
		dottedLineManagerIds: row.dottedLineManagerIds
	};
}

/** The short form results use to name a person. */
export const toPersonRef = (row: Pick<PersonRow, 'id' | 'name' | 'title'>): PersonRef => ({
	id: row.id,
	name: row.name,
	title: row.title
});

/** Everyone in the organization (or the first `limit`), by name (ties broken by id so the order is stable). */
export function listPeople(db: Database, organizationId: string, limit?: number): Promise<PersonRow[]> {
	const query = db
		.select()
		.from(people)
		.where(eq(people.organizationId, organizationId))
		.orderBy(asc(people.name), asc(people.id));
	return limit === undefined ? query : query.limit(limit);
}

/** One person of the organization by id. */
export async function getPerson(db: Database, organizationId: string, id: string): Promise<PersonRow | undefined> {
	const [row] = await db
		.select()
		.from(people)
		.where(and(eq(people.id, id), eq(people.organizationId, organizationId)));
	return row;
}

/** One person by id in any organization (to tell "elsewhere" apart from "nowhere"). */
export async function getPersonAnywhere(db: Database, id: string): Promise<PersonRow | undefined> {
	const [row] = await db.select().from(people).where(eq(people.id, id));
	return row;
}

/** The people at the top of the organization's chart, by name. */
export function listRoots(db: Database, organizationId: string): Promise<PersonRow[]> {
	return db
		.select()
		.from(people)
		.where(and(eq(people.organizationId, organizationId), isNull(people.managerId)))
		.orderBy(asc(people.name), asc(people.id));
}

/** A person's direct reports, by name (ties by id). */
export function listDirectReports(db: Database, organizationId: string, managerId: string): Promise<PersonRow[]> {
	return db
		.select()
		.from(people)
		.where(and(eq(people.organizationId, organizationId), eq(people.managerId, managerId)))
		.orderBy(asc(people.name), asc(people.id));
}

/** These people of the organization (those not in it are left out), by name. */
export function listPeopleByIds(db: Database, organizationId: string, ids: string[]): Promise<PersonRow[]> {
	if (ids.length === 0) return Promise.resolve([]);
	return db
		.select()
		.from(people)
		.where(and(eq(people.organizationId, organizationId), inArray(people.id, ids)))
		.orderBy(asc(people.name), asc(people.id));
}

/**
 * A person's managers from the immediate one up to the root, in one recursive query; stops at a
 * loop rather than spinning.
 */
export async function listManagersOf(db: Database, person: Pick<PersonRow, 'id' | 'managerId' | 'organizationId'>): Promise<PersonRow[]> {
	if (!person.managerId) return [];
	const rows = await db
		.select()
		.from(people)
		.where(
			and(
				eq(people.organizationId, person.organizationId),
				sql`${people.id} in (
					with recursive chain(id, manager_id, seen) as (
						select id, manager_id, array[id] from people where id = ${person.managerId}
						union all
						select m.id, m.manager_id, chain.seen || m.id from chain join people m on m.id = chain.manager_id
						where not m.id = any(chain.seen)
					) select id from chain)`
			)
		);
	const byId = new Map(rows.map((row) => [row.id, row]));
	const chain: PersonRow[] = [];
	for (let next = byId.get(person.managerId); next && !chain.includes(next); next = next.managerId ? byId.get(next.managerId) : undefined) {
		if (next.id === person.id) break;
		chain.push(next);
	}
	return chain;
}

/** Someone else in the organization with this email, compared case-insensitively. */
export async function findByEmail(
	db: Database,
	organizationId: string,
	email: string,
	exceptId?: string
): Promise<PersonRow | undefined> {
	const conditions = [eq(people.organizationId, organizationId), sql`lower(${people.email}) = lower(${email})`];
	if (exceptId) conditions.push(ne(people.id, exceptId));
	const [row] = await db
		.select()
		.from(people)
		.where(and(...conditions));
	return row;
}

/** Inserts one person (with the folded keys name matching and search narrow by). */
export async function insertPerson(db: Database, values: NewPersonRow): Promise<PersonRow> {
	const [row] = await db
		.insert(people)
		.values({ ...values, ...personKeys({ department: null, email: null, location: null, ...values }) })
		.returning();
	return row;
}

/** Writes changes to one person and returns the stored row (its folded keys follow its fields). */
export async function updatePersonRow(db: Database, id: string, changes: PersonFieldChanges): Promise<PersonRow> {
	const [row] = await db
		.update(people)
		.set({ ...changes, updatedAt: new Date() })
		.where(eq(people.id, id))
		.returning();
	return row && { ...row, ...(await refreshPersonKeys(db, row)) };
}

/** The people who have this person as a dotted-line manager. */
export function listDottedLineReports(db: Database, organizationId: string, managerId: string): Promise<PersonRow[]> {
	return db
		.select()
		.from(people)
		.where(and(eq(people.organizationId, organizationId), sql`${people.dottedLineManagerIds} @> array[${managerId}]::uuid[]`))
		.orderBy(asc(people.name));
}

/** Deletes one person (their reports must have been moved first: the foreign key restricts). */
export async function deletePersonRow(db: Database, id: string): Promise<void> {
	await db.delete(people).where(eq(people.id, id));
}

/**
 * Serializes changes to one organization's people until the transaction ends, so two concurrent
 * moves can't each pass the cycle check and together create a loop.
 */
export async function lockOrganizationPeople(db: Database, organizationId: string): Promise<void> {
	await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`people:${organizationId}`}))`);
}
