import { json } from '@sveltejs/kit';
import { principalAccount, requirePrincipal } from '$lib/server/access';
import { listOrganizationsOf } from '$lib/server/auth/members';
import { errorResponse } from '$lib/server/errors';
import { getServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** The caller: `{ user: { id, email, name }, memberships: [{ orgId, role, slug, name }] }`. */
export const GET: RequestHandler = async ({ locals }) => {
	try {
		const principal = requirePrincipal(locals.principal);
		const { database } = await getServices();
		const user = await principalAccount(database.db, principal);
		const orgs = await listOrganizationsOf(database.db, principal);
		const memberships = orgs.map((org) => ({ orgId: org.id, role: org.role, slug: org.slug, name: org.name }));
		return json({ user, memberships, ...(principal.kind === 'token' && { token: { id: principal.tokenId } }) }, { headers: { 'cache-control': 'no-store' } });
	} catch (error) {
		return errorResponse(error);
	}
};
