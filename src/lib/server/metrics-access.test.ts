import { describe, expect, test } from 'vitest';
import { parseEnv } from './env';
import { isLoopbackAddress, metricsRefusal, type MetricsAccessSettings } from './metrics-access';

const TOKEN = 'scrape-me-3f9a1c0b7d2e';
const scrape = (headers: Record<string, string> = {}) => new Request('http://127.0.0.1:3000/metrics', { headers });
const statusOf = (settings: MetricsAccessSettings, request: Request, address: string | null) => metricsRefusal(settings, request, address)?.status ?? 200;

describe('metrics access with METRICS_TOKEN', () => {
	const settings = { METRICS_TOKEN: TOKEN };

	test('the right bearer token is let in from any address', () => {
		for (const address of ['127.0.0.1', '10.0.0.5', '2001:db8::1', null]) {
			expect(statusOf(settings, scrape({ authorization: `Bearer ${TOKEN}` }), address), String(address)).toBe(200);
		}
		expect(statusOf(settings, scrape({ authorization: `bearer  ${TOKEN} ` }), '10.0.0.5')).toBe(200);
	});

	test('no token, a wrong one, a prefix of it or another scheme is a 401, loopback included', () => {
		for (const authorization of [undefined, 'Bearer wrong-token-0000000000', `Bearer ${TOKEN.slice(0, -1)}`, `Bearer ${TOKEN}x`, `Basic ${TOKEN}`, `Bearer ${TOKEN} extra`]) {
			const request = scrape(authorization ? { authorization } : {});
			const refusal = metricsRefusal(settings, request, '127.0.0.1');
			expect(refusal?.status, authorization).toBe(401);
			expect(refusal?.code).toBe('unauthorized');
		}
	});
});

describe('metrics access without METRICS_TOKEN: loopback clients only', () => {
	const settings = {};

	test('loopback addresses are let in, whatever Authorization says', () => {
		for (const address of ['127.0.0.1', '127.10.0.3', '::1', '::ffff:127.0.0.1']) {
			expect(statusOf(settings, scrape(), address), address).toBe(200);
		}
		expect(statusOf(settings, scrape({ authorization: 'Bearer anything' }), '127.0.0.1')).toBe(200);
	});

	test('any other address, or none, is a 403 that says how to allow it', () => {
		for (const address of ['10.0.0.5', '192.168.1.20', '::ffff:10.0.0.5', '2001:db8::1', '0.0.0.0', 'localhost', '', null]) {
			const refusal = metricsRefusal(settings, scrape(), address);
			expect(refusal?.status, String(address)).toBe(403);
			expect(refusal?.message).toContain('METRICS_TOKEN');
		}
	});

	test('a loopback socket carrying proxy headers is a proxied request from elsewhere: 403', () => {
		for (const header of ['x-forwarded-for', 'forwarded', 'x-real-ip', 'x-forwarded-host']) {
			expect(statusOf(settings, scrape({ [header]: '127.0.0.1' }), '127.0.0.1'), header).toBe(403);
		}
	});

	test('with ADDRESS_HEADER the proxy is trusted: the address it names decides', () => {
		const behindProxy = { ADDRESS_HEADER: 'x-forwarded-for' };
		const proxied = scrape({ 'x-forwarded-for': '203.0.113.7' });
		// adapter-node reads the header for us: these are the addresses it would report.
		expect(statusOf(behindProxy, proxied, '203.0.113.7')).toBe(403);
		expect(statusOf(behindProxy, scrape({ 'x-forwarded-for': '127.0.0.1' }), '127.0.0.1')).toBe(200);
		// The header is absent (adapter-node cannot tell the address): refused.
		expect(statusOf(behindProxy, scrape(), null)).toBe(403);
	});
});

test('isLoopbackAddress knows the loopback ranges and nothing else', () => {
	expect(['127.0.0.1', '127.255.255.254', '::1', '0:0:0:0:0:0:0:1', '::FFFF:127.0.0.1'].every(isLoopbackAddress)).toBe(true);
	expect(['128.0.0.1', '::2', '::ffff:128.0.0.1', 'fe80::1', '1.2.3.4', 'not an address'].some(isLoopbackAddress)).toBe(false);
});

test('METRICS_TOKEN is validated at start: short or with spaces, it stops the server with its name', () => {
	expect(parseEnv({ METRICS_TOKEN: TOKEN }).METRICS_TOKEN).toBe(TOKEN);
	expect(parseEnv({ METRICS_TOKEN: '' }).METRICS_TOKEN).toBeUndefined();
	expect(() => parseEnv({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN must be at least 16/);
	expect(() => parseEnv({ METRICS_TOKEN: 'has a space in the middle' })).toThrow(/METRICS_TOKEN must be printable ASCII/);
});
