import { authorizeRun, requirePrincipal } from '$lib/server/access';
import { errorResponse } from '$lib/server/errors';
import { lastEventId } from '$lib/server/http';
import { recordResume } from '$lib/server/metrics';
import { getServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** Replays a run's events after Last-Event-ID, then follows it live until it ends. */
export const GET: RequestHandler = async ({ locals, request, url, params }) => {
	try {
		const { database, chatRuns } = await getServices();
		const { run } = await authorizeRun(database.db, requirePrincipal(locals.principal), params.runId);
		// Awaited here, so a failure to open the stream is answered as a JSON error by this catch.
		const stream = await chatRuns.follow(run, lastEventId(request, url));
		recordResume();
		return stream;
	} catch (error) {
		return errorResponse(error);
	}
};
