import { json } from '@sveltejs/kit';
import { authorizeOrganization, requirePrincipal } from '$lib/server/access';
import { inviteMember } from '$lib/server/auth/members';
import { invitationBody } from '$lib/server/auth/schemas';
import { publicOrigin } from '$lib/server/auth/session-response';
import { errorResponse } from '$lib/server/errors';
import { readJsonBody } from '$lib/server/http';
import { getServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** Invites someone (admins and owners): 201 `{ token, link }`, one-time, valid for 7 days. */
export const POST: RequestHandler = async ({ locals, params, request, url }) => {
	try {
		const { database } = await getServices();
		const authorized = await authorizeOrganization(database.db, requirePrincipal(locals.principal), params.org, 'manageMembers');
		const body = await readJsonBody(request, invitationBody);
		return json(await inviteMember(database.db, authorized, body, publicOrigin(request, url)), { status: 201 });
	} catch (error) {
		return errorResponse(error);
	}
};
