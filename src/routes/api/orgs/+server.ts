import { json } from '@sveltejs/kit';
import { errorResponse } from '$lib/server/errors';
import { listOrganizations } from '$lib/server/org/organizations';
import { getServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** Every organization: `{ organizations: [{ id, slug, name }] }`. */
export const GET: RequestHandler = async () => {
	try {
		const { database } = await getServices();
		return json({ organizations: await listOrganizations(database.db) });
	} catch (error) {
		return errorResponse(error);
	}
};
