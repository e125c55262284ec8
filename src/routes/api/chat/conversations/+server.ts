import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { authorizeOrganization, requirePrincipal } from '$lib/server/access';
import { HISTORY_PAGE_DEFAULT, HISTORY_PAGE_MAX, listConversations } from '$lib/server/chat/conversation-history';
import { AppError, errorResponse } from '$lib/server/errors';
import { getServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

const query = z.object({
	orgId: z.string('orgId is required.').min(1, 'orgId is required.').max(200),
	cursor: z.string().max(200).optional(),
	limit: z.coerce.number().int().min(1).max(HISTORY_PAGE_MAX).default(HISTORY_PAGE_DEFAULT)
});

/** The caller's conversations in an org, newest first: `{ conversations: [{ id, title, updatedAt, lastRunStatus }], nextCursor }`. */
export const GET: RequestHandler = async ({ locals, url }) => {
	try {
		const principal = requirePrincipal(locals.principal);
		const parsed = query.safeParse(Object.fromEntries(url.searchParams));
		if (!parsed.success) throw new AppError('invalid_request', parsed.error.issues.map((issue) => issue.message).join('; '));
		const { database } = await getServices();
		const { org } = await authorizeOrganization(database.db, principal, parsed.data.orgId);
		return json(await listConversations(database.db, org.id, principal.userId, parsed.data), { headers: { 'cache-control': 'no-store' } });
	} catch (error) {
		return errorResponse(error);
	}
};
