import { json } from '@sveltejs/kit';
import { requirePrincipal } from '$lib/server/access';
import { createOrganization, listOrganizationsOf } from '$lib/server/auth/members';
import { newOrganizationBody } from '$lib/server/auth/schemas';
import { errorResponse } from '$lib/server/errors';
import { readJsonBody } from '$lib/server/http';
import { getServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** The caller's organizations: `{ organizations: [{ id, slug, name, role }] }`. */
export const GET: RequestHandler = async ({ locals }) => {
	try {
		const { database } = await getServices();
		return json({ organizations: await listOrganizationsOf(database.db, requirePrincipal(locals.principal)) });
	} catch (error) {
		return errorResponse(error);
	}
};

/** Creates an organization; the caller owns it. 201 `{ organization }`; 409 for a taken slug. */
export const POST: RequestHandler = async ({ locals, request }) => {
	try {
		const principal = requirePrincipal(locals.principal);
		const body = await readJsonBody(request, newOrganizationBody);
		const { database } = await getServices();
		const organization = await createOrganization(database.db, principal, body);
		return json({ organization: { ...organization, role: 'owner' } }, { status: 201 });
	} catch (error) {
		return errorResponse(error);
	}
};
