/** JSON responses that set or clear the session cookie. */
import { json } from '@sveltejs/kit';
import { getEnv } from '../env';

/**
 * A JSON response carrying better-auth's Set-Cookie headers; over HTTPS the cookies are marked
 * `Secure`. HTTPS means an `https://` ORIGIN, or a PROTOCOL_HEADER (set by the proxy) saying https:
 * adapter-node's own guess says https whenever ORIGIN is unset, which would lose the cookie over plain HTTP.
 */
export function sessionResponse(body: unknown, cookies: string[], request: Request, status = 200): Response {
	const response = json(body, { status, headers: { 'cache-control': 'no-store' } });
	const secure = servedOverHttps(request);
	for (const cookie of cookies) {
		response.headers.append('set-cookie', secure && !/;\s*secure/i.test(cookie) ? `${cookie}; Secure` : cookie);
	}
	return response;
}

/**
 * The origin a browser reached the app on, for links the server hands out (invitations): ORIGIN when
 * set, else the request's own host with the protocol decided as for cookies.
 */
export function publicOrigin(request: Request, url: URL): string {
	const { ORIGIN } = getEnv();
	if (ORIGIN) return new URL(ORIGIN).origin;
	return `${servedOverHttps(request) ? 'https' : 'http'}://${url.host}`;
}

function servedOverHttps(request: Request): boolean {
	const { ORIGIN, PROTOCOL_HEADER } = getEnv();
	if (ORIGIN) return ORIGIN.startsWith('https://');
	return Boolean(PROTOCOL_HEADER) && request.headers.get(PROTOCOL_HEADER!)?.split(',')[0].trim() === 'https';
}
