import { json } from '@sveltejs/kit';
import { requirePrincipal } from '$lib/server/access';
import { revokeApiToken } from '$lib/server/auth/members';
import { AppError, errorResponse } from '$lib/server/errors';
import { isUuid } from '$lib/server/ids';
import { getServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** Revokes one of the caller's tokens; it stops working at once. */
export const DELETE: RequestHandler = async ({ locals, params }) => {
	try {
		const principal = requirePrincipal(locals.principal);
		if (!isUuid(params.id)) throw new AppError('not_found', 'There is no such token.');
		const { database } = await getServices();
		await revokeApiToken(database.db, principal, params.id);
		return json({ revoked: { id: params.id } });
	} catch (error) {
		return errorResponse(error);
	}
};
