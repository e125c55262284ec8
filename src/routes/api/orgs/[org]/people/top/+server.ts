import { json } from '@sveltejs/kit';
import { authorizeOrganization, requirePrincipal } from '$lib/server/access';
import { errorResponse } from '$lib/server/errors';
import { chartTop, parseQuery, topQuery } from '$lib/server/org/people-chart';
import { getServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** The top of the chart: `{ people: ChartPerson[], total, truncated }`, `?depth=3&limit=1000`. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	try {
		const { database } = await getServices();
		const { org } = await authorizeOrganization(database.db, requirePrincipal(locals.principal), params.org);
		return json(await chartTop(database.db, org.id, parseQuery(url, topQuery)));
	} catch (error) {
		return errorResponse(error);
	}
};
