import { chatRequestSchema } from '$lib/protocol';
import { authorizeOrganization } from '$lib/server/access';
import { errorResponse } from '$lib/server/errors';
import { lastEventId, readJsonBody } from '$lib/server/http';
import { getServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** Starts an answer (or re-attaches to the one this clientMessageId started) and streams its events. */
export const POST: RequestHandler = async ({ request, url }) => {
	try {
		const body = await readJsonBody(request, chatRequestSchema);
		const { database, chatRuns } = await getServices();
		const org = await authorizeOrganization(database.db, body.orgId);
		const started = await chatRuns.start(org, body);
		const run = await chatRuns.requireRun(started.runId);
		return chatRuns.follow(run, started.attached ? lastEventId(request, url) : 0);
	} catch (error) {
		return errorResponse(error);
	}
};
