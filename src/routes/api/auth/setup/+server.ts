import { json } from '@sveltejs/kit';
import { setupBody } from '$lib/server/auth/schemas';
import { sessionResponse } from '$lib/server/auth/session-response';
import { errorResponse } from '$lib/server/errors';
import { readJsonBody } from '$lib/server/http';
import { getServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** `{ needed }`: true until the first account exists (the page then shows the setup screen). */
export const GET: RequestHandler = async () => {
	try {
		const { accounts } = await getServices();
		return json({ needed: await accounts.setupNeeded() }, { headers: { 'cache-control': 'no-store' } });
	} catch (error) {
		return errorResponse(error);
	}
};

/** Creates the first account, owner of every organization nobody owns yet, and signs it in; 409 once set up. */
export const POST: RequestHandler = async ({ request }) => {
	try {
		const body = await readJsonBody(request, setupBody);
		const { accounts } = await getServices();
		const { user, cookies } = await accounts.setup(body);
		return sessionResponse({ user }, cookies, request, 201);
	} catch (error) {
		return errorResponse(error);
	}
};
