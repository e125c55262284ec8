import { authorizeOrganization, requirePrincipal } from '$lib/server/access';
import { errorResponse } from '$lib/server/errors';
import { lastEventId } from '$lib/server/http';
import { followOrgChanges } from '$lib/server/org/follow-changes';
import { getServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/**
 * The organization's changes as they commit, from any user, instance or door (SSE, `type: "change"`
 * events whose id is the change's sequence number). With Last-Event-ID (or `?lastEventId=`) it
 * first replays the changes after it; without, it starts from now.
 */
export const GET: RequestHandler = async ({ locals, request, url, params }) => {
	try {
		const { database, orgEvents, env } = await getServices();
		const { org } = await authorizeOrganization(database.db, requirePrincipal(locals.principal), params.org);
		const resuming = request.headers.has('last-event-id') || url.searchParams.has('lastEventId');
		const after = resuming ? lastEventId(request, url) : undefined;
		return await followOrgChanges(database.db, orgEvents, org.id, after, { slowClientMs: env.SSE_SLOW_CLIENT_S * 1000 });
	} catch (error) {
		return errorResponse(error);
	}
};
