import { json } from '@sveltejs/kit';
import { authorizeOrganization, requirePrincipal } from '$lib/server/access';
import { errorResponse } from '$lib/server/errors';
import { chartPath } from '$lib/server/org/people-chart';
import { getServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** From the root down to the person: `{ people: ChartPerson[] }`. */
export const GET: RequestHandler = async ({ locals, params }) => {
	try {
		const { database } = await getServices();
		const { org } = await authorizeOrganization(database.db, requirePrincipal(locals.principal), params.org);
		return json(await chartPath(database.db, org.id, params.id));
	} catch (error) {
		return errorResponse(error);
	}
};
