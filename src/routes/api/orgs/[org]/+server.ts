import { json } from '@sveltejs/kit';
import { authorizeOrganization, requirePrincipal } from '$lib/server/access';
import { deleteOrganization } from '$lib/server/auth/members';
import { errorResponse } from '$lib/server/errors';
import { getServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** One organization the caller belongs to: `{ organization: { id, slug, name, role } }`. */
export const GET: RequestHandler = async ({ locals, params }) => {
	try {
		const { database } = await getServices();
		const { org, role } = await authorizeOrganization(database.db, requirePrincipal(locals.principal), params.org);
		return json({ organization: { ...org, role } });
	} catch (error) {
		return errorResponse(error);
	}
};

/** Deletes the organization with its people and conversations (owners only). */
export const DELETE: RequestHandler = async ({ locals, params }) => {
	try {
		const { database } = await getServices();
		const { org } = await authorizeOrganization(database.db, requirePrincipal(locals.principal), params.org, 'own');
		await deleteOrganization(database.db, org.id);
		return json({ deleted: { id: org.id, slug: org.slug } });
	} catch (error) {
		return errorResponse(error);
	}
};
