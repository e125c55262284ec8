import { chatRequestSchema } from '$lib/protocol';
import { authorizeOrganization, requirePrincipal } from '$lib/server/access';
import { AppError } from '$lib/server/errors';
import { errorResponse } from '$lib/server/errors';
import { lastEventId, readJsonBody } from '$lib/server/http';
import { getServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** Starts an answer (or re-attaches to the one this clientMessageId started) and streams its events. */
export const POST: RequestHandler = async ({ locals, request, url }) => {
	try {
		const principal = requirePrincipal(locals.principal);
		const body = await readJsonBody(request, chatRequestSchema);
		const { database, chatRuns, chatRunLimiter } = await getServices();
		const { org, actor } = await authorizeOrganization(database.db, principal, body.orgId);
		// Read before starting anything: a bad header must not leave a run behind.
		const resumeAfter = lastEventId(request, url);
		const wait = chatRunLimiter.retryAfterSeconds(principal.userId);
		if (wait > 0) throw new AppError('rate_limited', 'You are sending messages too quickly. Wait a moment and try again.', { details: { retryAfter: wait } });
		const started = await chatRuns.start(org, actor, body);
		if (!started.attached) chatRunLimiter.hit(principal.userId);
		const run = await chatRuns.requireRun(started.runId);
		// Awaited here, so a failure to open the stream is answered as a JSON error by this catch.
		return await chatRuns.follow(run, started.attached ? resumeAfter : 0);
	} catch (error) {
		return errorResponse(error);
	}
};
