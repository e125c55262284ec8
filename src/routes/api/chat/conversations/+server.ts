import { json } from '@sveltejs/kit';
import { authorizeOrganization, requirePrincipal } from '$lib/server/access';
import { listConversations } from '$lib/server/chat/conversation-history';
import { conversationListQuery } from '$lib/server/chat/conversation-requests';
import { AppError, errorResponse } from '$lib/server/errors';
import { getServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** The caller's conversations in an org, newest first: `{ conversations: [{ id, title, updatedAt, lastRunStatus }], nextCursor }`. */
export const GET: RequestHandler = async ({ locals, url }) => {
	try {
		const principal = requirePrincipal(locals.principal);
		const parsed = conversationListQuery.safeParse(Object.fromEntries(url.searchParams));
		if (!parsed.success) throw new AppError('invalid_request', parsed.error.issues.map((issue) => issue.message).join('; '));
		const { database } = await getServices();
		const { org } = await authorizeOrganization(database.db, principal, parsed.data.orgId);
		return json(await listConversations(database.db, org.id, principal.userId, parsed.data), { headers: { 'cache-control': 'no-store' } });
	} catch (error) {
		return errorResponse(error);
	}
};
