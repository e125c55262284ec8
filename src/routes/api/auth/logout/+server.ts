import { sessionResponse } from '$lib/server/auth/session-response';
import { errorResponse } from '$lib/server/errors';
import { getServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** Ends the session (if any) and clears its cookie. */
export const POST: RequestHandler = async ({ request }) => {
	try {
		const { accounts } = await getServices();
		return sessionResponse({ ok: true }, await accounts.logout(request.headers), request);
	} catch (error) {
		return errorResponse(error);
	}
};
