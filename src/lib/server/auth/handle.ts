/**
 * Who is asking, for every request: a bearer token (`Authorization: Bearer oc_…`) or the session
 * cookie. API routes outside the short public list answer 401 here, before any route code runs;
 * the MCP endpoint answers 401 to anything but an API token; `/metrics` makes its own check.
 */
import type { Handle, RequestEvent } from '@sveltejs/kit';
import { principalFromToken, type Principal } from '../access';
import { AppError, errorResponse } from '../errors';
import { MCP_PATH, mcpUnauthorized } from '../mcp/auth';
import { METRICS_PATH } from '../metrics-access';
import { getServices } from '../services';

/** API routes anyone may call: signing in, first-run setup, accepting an invitation. */
const PUBLIC_API_ROUTES = new Set(['/api/auth/login', '/api/auth/logout', '/api/auth/setup', '/api/auth/accept-invite']);

/** Resolves `event.locals.principal`; refuses unauthenticated API calls with 401. */
export const authHandle: Handle = async ({ event, resolve }) => {
	event.locals.principal = null;
	const routeId = event.route.id;
	// Metrics take their own token (or loopback), never an account: no session or API-token lookup for a scrape.
	if (routeId === METRICS_PATH) return resolve(event);
	const isApi = event.url.pathname.startsWith('/api/');
	const isMcp = routeId === MCP_PATH;
	// Unknown API paths fall through to their 404, whoever asks.
	const needsPrincipal = isApi && routeId !== null && !routeId.startsWith('/api/[...') && !PUBLIC_API_ROUTES.has(routeId);
	try {
		event.locals.principal = await readPrincipal(event);
	} catch (error) {
		if (needsPrincipal || isMcp) return errorResponse(error);
		console.error('[organichart] could not read the session:', error);
	}
	// MCP clients act only through API tokens: a browser session there would lend its cookie to any client.
	if (isMcp && event.locals.principal?.kind !== 'token') return mcpUnauthorized();
	if (needsPrincipal && !event.locals.principal) {
		return errorResponse(new AppError('unauthorized', 'Sign in first, or send an API token as "Authorization: Bearer <token>".'));
	}
	return resolve(event);
};

async function readPrincipal(event: RequestEvent): Promise<Principal | null> {
	const authorization = event.request.headers.get('authorization');
	const { database, accounts } = await getServices();
	if (authorization) {
		const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
		return match ? principalFromToken(database.db, match[1]) : null;
	}
	const user = await accounts.sessionUser(event.request.headers);
	return user && { kind: 'user', userId: user.id, email: user.email, name: user.name };
}
