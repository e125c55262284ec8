import { json } from '@sveltejs/kit';
import { authorizeOrganization, requirePrincipal } from '$lib/server/access';
import { listMembers } from '$lib/server/auth/members';
import { errorResponse } from '$lib/server/errors';
import { getServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** The organization's members (admins and owners): `{ members: [{ userId, email, name, role, since }] }`. */
export const GET: RequestHandler = async ({ locals, params }) => {
	try {
		const { database } = await getServices();
		const { org } = await authorizeOrganization(database.db, requirePrincipal(locals.principal), params.org, 'manageMembers');
		return json({ members: await listMembers(database.db, org.id) });
	} catch (error) {
		return errorResponse(error);
	}
};
