import { json } from '@sveltejs/kit';
import { acceptInviteBody } from '$lib/server/auth/schemas';
import { sessionResponse } from '$lib/server/auth/session-response';
import { findOrganization } from '$lib/server/org/organizations';
import { errorResponse } from '$lib/server/errors';
import { readJsonBody } from '$lib/server/http';
import { getServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** What an invitation offers (`?token=`): `{ email, role, organization: { name } }`; 410 once used or expired. */
export const GET: RequestHandler = async ({ url }) => {
	try {
		const { accounts, database } = await getServices();
		const invitation = await accounts.describeInvitation((url.searchParams.get('token') ?? '').slice(0, 200));
		const org = await findOrganization(database.db, invitation.organizationId);
		return json({ email: invitation.email, role: invitation.role, organization: { name: org?.name ?? '' } }, { headers: { 'cache-control': 'no-store' } });
	} catch (error) {
		return errorResponse(error);
	}
};

/** Accepts an invitation: creates the account and the membership, signs in; 201. A used or expired token is a 410. */
export const POST: RequestHandler = async ({ request }) => {
	try {
		const body = await readJsonBody(request, acceptInviteBody);
		const { accounts, database } = await getServices();
		const { user, cookies, invitation } = await accounts.acceptInvitation(body);
		const org = await findOrganization(database.db, invitation.organizationId);
		const membership = { orgId: invitation.organizationId, role: invitation.role, slug: org?.slug, name: org?.name };
		return sessionResponse({ user, membership }, cookies, request, 201);
	} catch (error) {
		return errorResponse(error);
	}
};
