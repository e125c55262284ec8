/** Queries for organizations. */
import { asc, eq } from 'drizzle-orm';
import type { Database } from '.';
import { organizations, people } from './schema';

export type OrganizationRow = typeof organizations.$inferSelect;

/** Every organization, by name. */
export function selectOrganizations(db: Database): Promise<OrganizationRow[]> {
	return db.select().from(organizations).orderBy(asc(organizations.name), asc(organizations.slug));
}

/** One organization by id. */
export async function selectOrganizationById(db: Database, id: string): Promise<OrganizationRow | undefined> {
	const [row] = await db.select().from(organizations).where(eq(organizations.id, id));
	return row;
}

/** One organization by slug. */
export async function selectOrganizationBySlug(db: Database, slug: string): Promise<OrganizationRow | undefined> {
	const [row] = await db.select().from(organizations).where(eq(organizations.slug, slug));
	return row;
}

/** Creates an organization unless the slug is taken; undefined when it was. */
export async function insertOrganizationIfAbsent(
	db: Database,
	values: typeof organizations.$inferInsert
): Promise<OrganizationRow | undefined> {
	const [row] = await db.insert(organizations).values(values).onConflictDoNothing({ target: organizations.slug }).returning();
	return row;
}

/** Deletes an organization; its people, conversations, runs and memberships go with it. */
export async function deleteOrganizationRow(db: Database, id: string): Promise<void> {
	await db.transaction(async (tx) => {
		// Reporting lines restrict deleting a manager; untie them first so the cascade can remove everyone.
		await tx.update(people).set({ managerId: null }).where(eq(people.organizationId, id));
		await tx.delete(organizations).where(eq(organizations.id, id));
	});
}
