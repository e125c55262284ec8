/** Looking up organizations the way routes and the chat name them: by id or by slug. */
import type { Organization } from '$lib/protocol';
import type { Database } from '../db';
import { isUuid } from '../ids';
import {
	selectOrganizationById,
	selectOrganizationBySlug,
	selectOrganizations,
	type OrganizationRow
} from '../db/organizations';

export type { OrganizationRow };

/** Every organization as the API lists them. */
export async function listOrganizations(db: Database): Promise<Organization[]> {
	const rows = await selectOrganizations(db);
	return rows.map(toOrganization);
}

/** The organization with this id or slug, if any. */
export async function findOrganization(db: Database, idOrSlug: string): Promise<OrganizationRow | undefined> {
	const key = idOrSlug.trim();
	if (!key) return undefined;
	// A slug can never look like a UUID in practice, but try the id first only when it could be one.
	if (isUuid(key)) return (await selectOrganizationById(db, key)) ?? selectOrganizationBySlug(db, key);
	const exact = await selectOrganizationBySlug(db, key);
	const lower = key.toLowerCase();
	return exact ?? (lower !== key ? selectOrganizationBySlug(db, lower) : undefined);
}

/** The public fields of an organization. */
export const toOrganization = (row: OrganizationRow): Organization => ({ id: row.id, slug: row.slug, name: row.name });
