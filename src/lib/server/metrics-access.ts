/**
 * Who may read `GET /metrics`. With METRICS_TOKEN set: whoever sends it as a bearer token, from
 * anywhere (Prometheus scrapes each instance by address). Unset: only clients on this machine —
 * the socket's peer is a loopback address and the request did not come through a proxy.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import type { AppEnv } from './env';
import { AppError, errorResponse } from './errors';

export type MetricsAccessSettings = Pick<AppEnv, 'METRICS_TOKEN' | 'ADDRESS_HEADER'>;

/** The metrics route's path; the sign-in hook leaves it to this module's check. */
export const METRICS_PATH = '/metrics';

/** Headers a reverse proxy adds: a request carrying one came from elsewhere, whatever its socket says. */
const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-real-ip'];

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** True for 127.0.0.0/8, ::1 and IPv4-mapped loopback (`::ffff:127.0.0.1`). */
export function isLoopbackAddress(address: string | null): boolean {
	if (!address) return false;
	const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
	if (mapped) return loopback.check(mapped[1], 'ipv4');
	const version = isIP(address);
	return version === 4 ? loopback.check(address, 'ipv4') : version === 6 && loopback.check(address, 'ipv6');
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Compares in constant time (over fixed-length digests), so response timing tells nothing about the token. */
function sameToken(sent: string, expected: string): boolean {
	return timingSafeEqual(digest(sent), digest(expected));
}

/**
 * Why this request may not read the metrics (401 without the right token, 403 from elsewhere than
 * loopback when no token is set), or null when it may. `clientAddress` is adapter-node's, which
 * reads ADDRESS_HEADER when that is set; null when it could not tell.
 */
export function metricsRefusal(settings: MetricsAccessSettings, request: Request, clientAddress: string | null): AppError | null {
	if (settings.METRICS_TOKEN) {
		const sent = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization')?.trim() ?? '')?.[1];
		if (sent !== undefined && sameToken(sent, settings.METRICS_TOKEN)) return null;
		return new AppError('unauthorized', 'Send the metrics token as "Authorization: Bearer <METRICS_TOKEN>".');
	}
	// Without ADDRESS_HEADER the proxy's own (often loopback) address is all the socket shows.
	const proxied = !settings.ADDRESS_HEADER && FORWARDING_HEADERS.some((name) => request.headers.has(name));
	if (!proxied && isLoopbackAddress(clientAddress)) return null;
	return new AppError('forbidden', 'Metrics are served only to clients on this machine. Set METRICS_TOKEN to scrape them from elsewhere.');
}

/** The client's address as adapter-node reports it; null when it cannot (ADDRESS_HEADER set but absent). */
export function clientAddressOf(getClientAddress: () => string): string | null {
	try {
		return getClientAddress();
	} catch {
		return null;
	}
}

/** The JSON error for a refusal; a 401 names the scheme it wants. */
export function metricsRefusalResponse(refusal: AppError): Response {
	const response = errorResponse(refusal);
	if (refusal.status === 401) response.headers.set('www-authenticate', 'Bearer realm="metrics"');
	response.headers.set('cache-control', 'no-store');
	return response;
}
