import { json } from '@sveltejs/kit';
import { authorizeOrganization, requirePrincipal } from '$lib/server/access';
import { errorResponse } from '$lib/server/errors';
import { exportPeople } from '$lib/server/org/people-export';
import { getServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** The whole organization as JSON, values exactly as stored: `{ organization, people }`. */
export const GET: RequestHandler = async ({ locals, params }) => {
	try {
		const { database } = await getServices();
		const { org } = await authorizeOrganization(database.db, requirePrincipal(locals.principal), params.org);
		return json(await exportPeople(database.db, org), {
			headers: { 'content-disposition': `attachment; filename="${org.slug}-people.json"`, 'cache-control': 'no-store' }
		});
	} catch (error) {
		return errorResponse(error);
	}
};
