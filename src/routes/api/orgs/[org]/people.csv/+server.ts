import { authorizeOrganization, requirePrincipal } from '$lib/server/access';
import { errorResponse } from '$lib/server/errors';
import { exportPeople, peopleCsv } from '$lib/server/org/people-export';
import { getServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** The whole organization as a CSV download (formula-like cells neutralised). */
export const GET: RequestHandler = async ({ locals, params }) => {
	try {
		const { database } = await getServices();
		const { org } = await authorizeOrganization(database.db, requirePrincipal(locals.principal), params.org);
		const csv = peopleCsv(await exportPeople(database.db, org));
		return new Response(csv, {
			headers: {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="${org.slug}-people.csv"`,
				'cache-control': 'no-store'
			}
		});
	} catch (error) {
		return errorResponse(error);
	}
};
