import { json } from '@sveltejs/kit';
import { authorizeOrganization, requirePrincipal } from '$lib/server/access';
import { errorResponse } from '$lib/server/errors';
import { chartSearch, parseQuery, searchQuery } from '$lib/server/org/people-chart';
import { getServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** People matching `?q=`, best first: `{ people: ChartPerson[], total, totalCapped? }`. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	try {
		const { database } = await getServices();
		const { org } = await authorizeOrganization(database.db, requirePrincipal(locals.principal), params.org);
		return json(await chartSearch(database.db, org.id, parseQuery(url, searchQuery)));
	} catch (error) {
		return errorResponse(error);
	}
};
