import { json } from '@sveltejs/kit';
import { authorizeOrganization, requirePrincipal } from '$lib/server/access';
import { errorResponse } from '$lib/server/errors';
import { readChange } from '$lib/server/org/history';
import { undoChange } from '$lib/server/org/undo-change';
import { getServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** Reverts a change as a new one: 201 `{ change }`; 409 `conflict` when later changes stand in the way (editors). */
export const POST: RequestHandler = async ({ locals, params }) => {
	try {
		const { database } = await getServices();
		const { org, actor } = await authorizeOrganization(database.db, requirePrincipal(locals.principal), params.org, 'editPeople');
		const { changeId } = await undoChange({ db: database.db, orgId: org.id, actor }, params.id);
		return json({ change: await readChange(database.db, org.id, changeId) }, { status: 201 });
	} catch (error) {
		return errorResponse(error);
	}
};
