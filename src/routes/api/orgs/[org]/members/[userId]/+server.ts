import { json } from '@sveltejs/kit';
import { authorizeOrganization, requirePrincipal } from '$lib/server/access';
import { changeMemberRole, listMembers, removeMember } from '$lib/server/auth/members';
import { memberChangeBody } from '$lib/server/auth/schemas';
import { AppError, errorResponse } from '$lib/server/errors';
import { readJsonBody } from '$lib/server/http';
import { getServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** One member (admins and owners): `{ member }`. */
export const GET: RequestHandler = async ({ locals, params }) => {
	try {
		const { database } = await getServices();
		const { org } = await authorizeOrganization(database.db, requirePrincipal(locals.principal), params.org, 'manageMembers');
		const member = (await listMembers(database.db, org.id)).find((candidate) => candidate.userId === params.userId);
		if (!member) throw new AppError('not_found', 'That person is not a member of this organization.');
		return json({ member });
	} catch (error) {
		return errorResponse(error);
	}
};

/** Changes a member's role `{ role }` (admins; owners for owner changes; never the last owner). */
export const PATCH: RequestHandler = async ({ locals, params, request }) => {
	try {
		const { database } = await getServices();
		const authorized = await authorizeOrganization(database.db, requirePrincipal(locals.principal), params.org, 'manageMembers');
		const { role } = await readJsonBody(request, memberChangeBody);
		return json({ member: await changeMemberRole(database.db, authorized, params.userId, role) });
	} catch (error) {
		return errorResponse(error);
	}
};

/** Removes a member (admins; owners for owners; anyone may remove themselves; never the last owner). */
export const DELETE: RequestHandler = async ({ locals, params }) => {
	try {
		const { database } = await getServices();
		const authorized = await authorizeOrganization(database.db, requirePrincipal(locals.principal), params.org);
		await removeMember(database.db, authorized, params.userId);
		return json({ removed: { userId: params.userId } });
	} catch (error) {
		return errorResponse(error);
	}
};
