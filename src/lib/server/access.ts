/**
 * The one place that decides which organization a request may act on. The organization is
 * resolved here from the server's database, never trusted from a model or a system prompt.
 * OrganiChart is single-tenant for now: everyone who can reach the server may use every org.
 * Authentication plugs in here without touching routes or tools.
 */
import type { Organization } from '$lib/protocol';
import type { Database } from './db';
import { findOrganization } from './org/organizations';
import { AppError } from './errors';

/** The organization named by id or slug, if the requester may use it; otherwise a 404. */
export async function authorizeOrganization(db: Database, idOrSlug: string): Promise<Organization> {
	const org = await findOrganization(db, idOrSlug);
	if (!org) throw new AppError('not_found', `There is no organization "${idOrSlug}".`);
	return { id: org.id, slug: org.slug, name: org.name };
}
