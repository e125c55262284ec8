import { chatRequestSchema } from '$lib/protocol';
import { requirePrincipal } from '$lib/server/access';
import { startChat } from '$lib/server/chat/start-chat';
import { errorResponse } from '$lib/server/errors';
import { lastEventId, readJsonBody } from '$lib/server/http';
import { getServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** Starts an answer (or re-attaches to the one this clientMessageId started) and streams its events. */
export const POST: RequestHandler = async ({ locals, request, url }) => {
	try {
		const principal = requirePrincipal(locals.principal);
		const body = await readJsonBody(request, chatRequestSchema);
		// Read before starting anything: a bad header must not leave a run behind.
		const resumeAfter = lastEventId(request, url);
		const services = await getServices();
		const { started, run } = await startChat(services, principal, body);
		return await services.chatRuns.follow(run, started.attached ? resumeAfter : 0);
	} catch (error) {
		return errorResponse(error);
	}
};
