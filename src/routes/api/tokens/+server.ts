import { json } from '@sveltejs/kit';
import { authorizeOrganization, requirePrincipal } from '$lib/server/access';
import { createApiToken, listApiTokens } from '$lib/server/auth/members';
import { newTokenBody } from '$lib/server/auth/schemas';
import { errorResponse } from '$lib/server/errors';
import { readJsonBody } from '$lib/server/http';
import { getServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** The caller's live API tokens (never their secrets): `{ tokens: [{ id, name, orgId, role, createdAt, lastUsedAt }] }`. */
export const GET: RequestHandler = async ({ locals }) => {
	try {
		const { database } = await getServices();
		return json({ tokens: await listApiTokens(database.db, requirePrincipal(locals.principal)) });
	} catch (error) {
		return errorResponse(error);
	}
};

/** Creates a token for one organization, at most the caller's role there: 201 `{ id, token }` (shown once). */
export const POST: RequestHandler = async ({ locals, request }) => {
	try {
		const principal = requirePrincipal(locals.principal);
		const body = await readJsonBody(request, newTokenBody);
		const { database } = await getServices();
		const authorized = await authorizeOrganization(database.db, principal, body.orgId);
		return json(await createApiToken(database.db, authorized, principal, body), { status: 201 });
	} catch (error) {
		return errorResponse(error);
	}
};
