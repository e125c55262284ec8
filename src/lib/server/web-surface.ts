/**
 * Request-level defences that run before any route: the Host must be one of ours (DNS
 * rebinding), state changes must come from our own pages (cross-site requests), CORS only for
 * listed origins, bodies bounded, and security headers on every response.
 */
import type { Handle, RequestEvent } from '@sveltejs/kit';
import type { AppEnv } from './env';
import { AppError, errorResponse, type ErrorCode } from './errors';
import { describeBytes, MAX_IMPORT_BODY_BYTES, MAX_JSON_BODY_BYTES } from './http';
import { METRICS_PATH } from './metrics-access';

export type WebSurfaceSettings = Pick<AppEnv, 'ORIGIN' | 'ALLOWED_HOSTS' | 'CORS_ORIGINS' | 'METRICS_TOKEN'>;

/** Longest route parameter (org slug, person id, run id) worth looking up. */
export const MAX_PARAM_LENGTH = 200;

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const CORS_HEADERS = {
	'access-control-allow-methods': 'GET, POST, PATCH, DELETE',
	'access-control-allow-headers': 'content-type, authorization, last-event-id, mcp-protocol-version',
	'access-control-max-age': '600'
};

type HostName = { hostname: string; port?: string };

/** "Chart.Example.com:8080" → { hostname: "chart.example.com", port: "8080" }; null when it is no host. */
export function parseHost(value: string): HostName | null {
	const match = /^(\[[0-9a-f:.]+\]|[^:[\]\s/@?#\\]+)(?::(\d{1,5}))?$/i.exec(value.trim());
	if (!match || !URL.canParse(`http://${match[1]}`)) return null;
	return { hostname: new URL(`http://${match[1]}`).hostname, port: match[2] };
}

/** Whether a `Host` header names this app: ORIGIN's host, an ALLOWED_HOSTS entry, or loopback when neither is set. */
export function isAllowedHost(hostHeader: string | null, settings: WebSurfaceSettings): boolean {
	const host = hostHeader ? parseHost(hostHeader) : null;
	if (!host) return false;
	if (!settings.ORIGIN && settings.ALLOWED_HOSTS.length === 0) return LOOPBACK_NAMES.has(host.hostname);
	if (settings.ORIGIN && new URL(settings.ORIGIN).hostname === host.hostname) return true;
	return settings.ALLOWED_HOSTS.some((entry) => {
		const allowed = parseHost(entry);
		return allowed?.hostname === host.hostname && (allowed.port === undefined || allowed.port === host.port);
	});
}

/** Whether the request carries `Authorization: Bearer …` (API clients; no ambient browser credentials). */
export const hasBearerToken = (request: Request): boolean => /^Bearer\s+\S/i.test(request.headers.get('authorization') ?? '');

/**
 * Whether `origin` is this app's own: the request URL's origin, ORIGIN, a CORS origin, or the
 * host the request was sent to. The scheme of that last one is not compared: without ORIGIN or
 * PROTOCOL_HEADER adapter-node cannot know it (it assumes https), while the browser's is exact.
 */
function isTrustedOrigin(origin: string, event: RequestEvent, hostHeader: string | null, settings: WebSurfaceSettings): boolean {
	const normalized = origin.toLowerCase();
	if (normalized === event.url.origin || normalized === settings.ORIGIN || settings.CORS_ORIGINS.includes(normalized)) return true;
	if (!hostHeader || !URL.canParse(normalized)) return false;
	const url = new URL(normalized);
	return (url.protocol === 'http:' || url.protocol === 'https:') && url.host === hostHeader.toLowerCase();
}

/** Whether a POST/PUT/PATCH/DELETE without a bearer token comes from a page this app trusts. */
export function isSameOriginWrite(event: RequestEvent, hostHeader: string | null, settings: WebSurfaceSettings): boolean {
	const { request } = event;
	if (!STATE_CHANGING.has(request.method) || hasBearerToken(request)) return true;
	const origin = request.headers.get('origin');
	if (origin === null) return request.headers.get('sec-fetch-site') !== 'cross-site';
	return isTrustedOrigin(origin, event, hostHeader, settings);
}

/** A refusal: JSON `{ error }` for the API, plain text for pages. */
function refuse(event: RequestEvent, code: ErrorCode, message: string): Response {
	if (isApiPath(event.url.pathname)) return errorResponse(new AppError(code, message));
	return new Response(message, { status: new AppError(code, message).status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

/** The API, the MCP endpoint and the metrics answer machines, so their refusals are JSON. */
const isApiPath = (pathname: string): boolean => pathname === '/api' || pathname.startsWith('/api/') || pathname === '/mcp' || pathname === METRICS_PATH;

/** Health probes address an instance by its IP, so they are answered whatever the Host. */
const isHealthProbe = (event: RequestEvent): boolean =>
	event.url.pathname === '/healthz' && (event.request.method === 'GET' || event.request.method === 'HEAD');

/**
 * Prometheus also scrapes each instance by its IP. With METRICS_TOKEN set the route demands it, and
 * a page on a rebound name cannot know it, so any Host will do; without one, metrics answer only to
 * loopback clients, and a local browser lured by DNS rebinding is one: the Host rule stays.
 */
const isTokenMetricsScrape = (event: RequestEvent, settings: WebSurfaceSettings): boolean =>
	Boolean(settings.METRICS_TOKEN) && event.url.pathname === METRICS_PATH && (event.request.method === 'GET' || event.request.method === 'HEAD');

/** The Host header as the client sent it (adapter-node keeps it on the request; the raw request is the fallback). */
function hostHeaderOf(event: RequestEvent): string | null {
	const fromRequest = event.request.headers.get('host');
	if (fromRequest) return fromRequest;
	const platform = event.platform as { req?: { headers?: Record<string, unknown> } } | undefined;
	const raw = platform?.req?.headers?.host;
	return typeof raw === 'string' ? raw : null;
}

/** A CSV import (POST /api/orgs/:org/import, or POST /api/orgs with a CSV body): the one kind of large body. */
function isImport(event: RequestEvent): boolean {
	const path = event.url.pathname;
	if (/^\/api\/orgs\/[^/]+\/import\/?$/.test(path)) return true;
	return path === '/api/orgs' && (event.request.headers.get('content-type') ?? '').toLowerCase().startsWith('text/csv');
}

/** The first check a request meets, or null when it passes them all. */
function precheck(event: RequestEvent, settings: WebSurfaceSettings): Response | null {
	const host = hostHeaderOf(event);
	if (!isHealthProbe(event) && !isTokenMetricsScrape(event, settings) && !isAllowedHost(host, settings)) {
		return refuse(event, 'misdirected_request', 'This server does not answer for that host name. Set ORIGIN or ALLOWED_HOSTS.');
	}
	if (!isSameOriginWrite(event, host, settings)) {
		return refuse(event, 'forbidden', 'Cross-site requests are not allowed. Use the app itself, or an API token.');
	}
	const length = Number(event.request.headers.get('content-length') ?? 0);
	const limit = isImport(event) ? MAX_IMPORT_BODY_BYTES : MAX_JSON_BODY_BYTES;
	if (length > limit) {
		return refuse(event, 'payload_too_large', `The request body is too large (the limit is ${describeBytes(limit)}).`);
	}
	if (Object.values(event.params).some((value) => value !== undefined && value.length > MAX_PARAM_LENGTH)) {
		return refuse(event, 'not_found', 'There is nothing at this address.');
	}
	return null;
}

/** The CORS origin to answer, when the request comes from a listed one. */
function corsOrigin(request: Request, settings: WebSurfaceSettings): string | null {
	const origin = request.headers.get('origin');
	return origin && settings.CORS_ORIGINS.includes(origin.toLowerCase()) ? origin : null;
}

/** SvelteKit's 405 is plain text; the API answers JSON like its other errors, keeping `Allow`. */
function asJsonMethodError(response: Response): Response {
	const json = errorResponse(new AppError('method_not_allowed', 'This method is not allowed here.'));
	const allow = response.headers.get('allow');
	if (allow) json.headers.set('allow', allow);
	return json;
}

/** Headers every response carries; the page's Content-Security-Policy comes from `kit.csp`. */
function withSecurityHeaders(response: Response, cors: string | null): Response {
	let headers = response.headers;
	try {
		headers.set('x-content-type-options', 'nosniff');
	} catch {
		// Immutable headers (a fetched response passed through): copy it.
		response = new Response(response.body, response);
		headers = response.headers;
		headers.set('x-content-type-options', 'nosniff');
	}
	headers.set('referrer-policy', 'same-origin');
	headers.set('x-frame-options', 'DENY');
	if (cors) {
		headers.set('access-control-allow-origin', cors);
		headers.append('vary', 'Origin');
	}
	return response;
}

/** The web-surface handle, reading its settings once per request from `settings()`. */
export function createWebSurfaceHandle(settings: () => WebSurfaceSettings): Handle {
	return async ({ event, resolve }) => {
		const current = settings();
		const cors = corsOrigin(event.request, current);
		const refused = precheck(event, current);
		if (refused) return withSecurityHeaders(refused, cors);
		if (cors && event.request.method === 'OPTIONS') {
			return withSecurityHeaders(new Response(null, { status: 204, headers: CORS_HEADERS }), cors);
		}
		let response = await resolve(event);
		if (response.status === 405 && isApiPath(event.url.pathname)) response = asJsonMethodError(response);
		return withSecurityHeaders(response, cors);
	};
}
