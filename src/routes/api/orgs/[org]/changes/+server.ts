import { json } from '@sveltejs/kit';
import { authorizeOrganization, requirePrincipal } from '$lib/server/access';
import { errorResponse } from '$lib/server/errors';
import { listHistory } from '$lib/server/org/history';
import { getServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** The organization's changes, newest first: `?personId=&limit=&before=` → `{ changes }` (any member). */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	try {
		const { database } = await getServices();
		const { org } = await authorizeOrganization(database.db, requirePrincipal(locals.principal), params.org);
		const changes = await listHistory(database.db, org.id, {
			personId: url.searchParams.get('personId'),
			limit: url.searchParams.get('limit'),
			before: url.searchParams.get('before')
		});
		return json({ changes });
	} catch (error) {
		return errorResponse(error);
	}
};
