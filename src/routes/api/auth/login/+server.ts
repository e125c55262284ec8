import { loginBody } from '$lib/server/auth/schemas';
import { sessionResponse } from '$lib/server/auth/session-response';
import { errorResponse } from '$lib/server/errors';
import { readJsonBody } from '$lib/server/http';
import { getServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** Signs in with email and password: 200 `{ user }` and a session cookie; 401 for wrong credentials. */
export const POST: RequestHandler = async ({ request, getClientAddress }) => {
	try {
		const { email, password } = await readJsonBody(request, loginBody);
		const { accounts } = await getServices();
		const { user, cookies } = await accounts.login(email, password, getClientAddress());
		return sessionResponse({ user }, cookies, request);
	} catch (error) {
		return errorResponse(error);
	}
};
