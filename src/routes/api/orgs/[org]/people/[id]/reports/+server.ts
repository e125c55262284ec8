import { json } from '@sveltejs/kit';
import { authorizeOrganization, requirePrincipal } from '$lib/server/access';
import { errorResponse } from '$lib/server/errors';
import { chartReports, parseQuery, reportsQuery } from '$lib/server/org/people-chart';
import { getServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** A page of direct reports: `{ people: ChartPerson[], total, nextCursor }`, `?limit=100&after=<cursor>`. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	try {
		const { database } = await getServices();
		const { org } = await authorizeOrganization(database.db, requirePrincipal(locals.principal), params.org);
		return json(await chartReports(database.db, org.id, params.id, parseQuery(url, reportsQuery)));
	} catch (error) {
		return errorResponse(error);
	}
};
