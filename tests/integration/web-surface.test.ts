/**
 * The web surface on the built server: which Host names it answers (DNS rebinding), which
 * origins may change data, CORS, the page's security headers, body and id limits, 404/405
 * answers, and the offline parser staying fast on hostile text.
 */
import { request } from 'node:http';
import { describe, expect, test } from 'vitest';
import type { Person } from '../../src/lib/protocol';
import { startAppServer, type AppServer } from '../helpers/app-server';
import { answerText, postChat, readEvents } from '../helpers/sse';
import { stackTargets, useAppServer } from '../helpers/targets';

type RawResponse = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/**
 * One request through node:http, which (unlike fetch) may set any `Host`. `body` as an array of
 * chunks is sent chunked, without a Content-Length.
 */
function raw(app: AppServer, path: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer | Buffer[] } = {}): Promise<RawResponse> {
	const { port } = new URL(app.url);
	// Signed in as the app's owner unless the request brings its own credentials: only the Host or Origin under test differ.
	const headers = { ...options.headers };
	if (app.admin && !('cookie' in headers) && !('authorization' in headers)) headers.cookie = app.admin.cookie;
	return new Promise((resolve, reject) => {
		let answered = false;
		const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers }, (res) => {
			answered = true;
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
			res.on('error', reject);
		});
		// The server may answer (413) before the whole body is sent; that is the point, not an error.
		req.on('error', (error) => (answered ? undefined : reject(error)));
		if (Array.isArray(options.body)) {
			for (const chunk of options.body) req.write(chunk);
		} else if (options.body !== undefined) {
			req.write(options.body);
		}
		req.end();
	});
}

const json = { 'content-type': 'application/json' };
const newPerson = (name: string) => JSON.stringify({ name, title: 'Engineer', manager: 'Jane Smith' });

async function peopleNamed(app: AppServer, name: string): Promise<Person[]> {
	const body = (await (await app.fetch('/api/orgs/acme/people')).json()) as { people: Person[] };
	return body.people.filter((person) => person.name === name);
}

const [embedded] = stackTargets();

describe('web surface, default settings (loopback only, no CORS)', () => {
	const app = useAppServer(embedded);
	const foreignHost = 'rebind.attacker.example';

	test('a foreign Host gets 421 for the page, an API read and an API write, and nothing is created', async () => {
		const page = await raw(app(), '/', { headers: { host: foreignHost } });
		expect(page.status).toBe(421);
		const read = await raw(app(), '/api/orgs/acme/people', { headers: { host: foreignHost } });
		expect(read.status).toBe(421);
		expect(JSON.parse(read.body).error.code).toBe('misdirected_request');
		expect(read.body).not.toContain('Jane Smith');
		const write = await raw(app(), '/api/orgs/acme/people', {
			method: 'POST',
			headers: { ...json, host: foreignHost, origin: `http://${foreignHost}` },
			body: newPerson('Rebound Person')
		});
		expect(write.status).toBe(421);
		expect(JSON.parse(write.body).error.code).toBe('misdirected_request');
		expect(await peopleNamed(app(), 'Rebound Person')).toHaveLength(0);
	});

	test('without METRICS_TOKEN, /metrics keeps the Host rule: a rebound name gets 421, a loopback name the metrics', async () => {
		// A local browser lured to a rebound name is a loopback client: only the Host rule keeps the page from the metrics.
		const rebound = await raw(app(), '/metrics', { headers: { host: foreignHost } });
		expect(rebound.status).toBe(421);
		expect(JSON.parse(rebound.body).error.code).toBe('misdirected_request');
		const local = await raw(app(), '/metrics', { headers: { host: 'localhost' } });
		expect(local.status).toBe(200);
		expect(local.body).toContain('organichart_runs_started_total');
	});

	test('loopback names are allowed on any port', async () => {
		for (const host of ['localhost', 'localhost:9999', '127.0.0.1:1', '[::1]', '[::1]:3000']) {
			const response = await raw(app(), '/api/orgs', { headers: { host } });
			expect(response.status, host).toBe(200);
		}
	});

	test('a cross-origin write is refused with 403 and changes nothing; the same call from the app succeeds', async () => {
		const add = (name: string, headers: Record<string, string> = {}) =>
			app().fetch('/api/orgs/acme/people', { method: 'POST', headers: { ...json, ...headers }, body: newPerson(name) });
		const crossSite = await add('Cross Site', { origin: 'https://evil.example' });
		expect(crossSite.status).toBe(403);
		expect((await crossSite.json()).error.code).toBe('forbidden');
		const noOriginCrossSite = await raw(app(), '/api/orgs/acme/people', {
			method: 'POST',
			headers: { ...json, host: new URL(app().url).host, 'sec-fetch-site': 'cross-site' },
			body: newPerson('Cross Site')
		});
		expect(noOriginCrossSite.status).toBe(403);
		expect(await peopleNamed(app(), 'Cross Site')).toHaveLength(0);

		const sameOrigin = await add('Same Origin');
		expect(sameOrigin.status).toBe(201);

		const jane = (await peopleNamed(app(), 'Same Origin'))[0];
		for (const method of ['PATCH', 'DELETE']) {
			const refused = await app().fetch(`/api/orgs/acme/people/${jane.id}`, {
				method,
				headers: { ...json, origin: 'https://evil.example' },
				body: method === 'PATCH' ? JSON.stringify({ title: 'Changed' }) : undefined
			});
			expect(refused.status, method).toBe(403);
		}
		expect((await peopleNamed(app(), 'Same Origin'))[0].title).toBe('Engineer');
	});

	test('a request with a bearer token is not held to the same-origin rule', async () => {
		const response = await app().fetch('/api/orgs/acme/people', {
			method: 'POST',
			headers: { ...json, origin: 'https://tools.example', authorization: 'Bearer test-token-for-origin-check' },
			body: newPerson('Bearer Caller')
		});
		expect(response.status).not.toBe(403);
		expect(response.status).not.toBe(421);
	});

	test('no CORS by default: no Access-Control-Allow-Origin, even for a preflight', async () => {
		const read = await app().fetch('/api/orgs', { headers: { origin: 'https://tools.example' } });
		expect(read.headers.get('access-control-allow-origin')).toBeNull();
		const preflight = await app().fetch('/api/orgs/acme/people', {
			method: 'OPTIONS',
			headers: { origin: 'https://tools.example', 'access-control-request-method': 'POST' }
		});
		expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
	});

	test('the page carries a strict Content-Security-Policy and every response denies framing', async () => {
		const page = await app().fetch('/');
		const csp = page.headers.get('content-security-policy') ?? '';
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).toContain("default-src 'self'");
		expect(csp).toContain("object-src 'none'");
		expect(csp).toContain("base-uri 'self'");
		expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'(;|$)/);
		expect(csp).not.toContain('unsafe-inline');
		expect(csp).not.toContain('unsafe-eval');
		for (const response of [page, await app().fetch('/api/orgs'), await app().fetch('/nowhere')]) {
			expect(response.headers.get('x-frame-options')).toBe('DENY');
			expect(response.headers.get('x-content-type-options')).toBe('nosniff');
			expect(response.headers.get('referrer-policy')).toBe('same-origin');
			expect(response.headers.get('access-control-allow-origin')).toBeNull();
		}
	});

	test('a 10 MB body gets 413 JSON and creates nothing; so does a chunked body over 1 MB', async () => {
		const big = JSON.stringify({ name: 'Huge Body', title: 'x'.repeat(10 * 1024 * 1024) });
		const declared = await raw(app(), '/api/orgs/acme/people', {
			method: 'POST',
			headers: { ...json, host: new URL(app().url).host, origin: app().url, 'content-length': String(Buffer.byteLength(big)) },
			body: big
		});
		expect(declared.status).toBe(413);
		expect(JSON.parse(declared.body).error.code).toBe('payload_too_large');

		const chunk = Buffer.from('x'.repeat(64 * 1024));
		const chunked = await raw(app(), '/api/orgs/acme/people', {
			method: 'POST',
			headers: { ...json, host: new URL(app().url).host, origin: app().url },
			body: [Buffer.from('{"name":"Huge Body","title":"'), ...Array.from({ length: 24 }, () => chunk), Buffer.from('"}')]
		});
		expect(chunked.status).toBe(413);
		expect(JSON.parse(chunked.body).error.code).toBe('payload_too_large');
		expect(await peopleNamed(app(), 'Huge Body')).toHaveLength(0);
	});

	test('a chat message over 8,000 characters gets 400 with a clear message', async () => {
		const response = await postChat(app(), { text: 'a'.repeat(8001), orgId: 'acme' });
		expect(response.status).toBe(400);
		const body = await response.json();
		expect(body.error.code).toBe('invalid_request');
		expect(body.error.message).toContain('8,000 characters');
	});

	test('huge ids are refused without being echoed back', async () => {
		const value = 'q'.repeat(400 * 1024);
		const viaBody = await postChat(app(), { text: 'Who is Jane?', orgId: value });
		expect([400, 404]).toContain(viaBody.status);
		const viaBodyText = await viaBody.text();
		expect(viaBodyText.length).toBeLessThan(1000);
		expect(viaBodyText).not.toContain('q'.repeat(100));

		const longParam = 'p'.repeat(5000);
		for (const path of [`/api/orgs/${longParam}/people`, `/api/orgs/acme/people/${longParam}`, `/api/chat/runs/${longParam}/events`, `/api/chat/conversations/${longParam}`]) {
			const response = await app().fetch(path);
			expect([400, 404], path).toContain(response.status);
			const text = await response.text();
			expect(text.length, path).toBeLessThan(1000);
			expect(text, path).not.toContain('p'.repeat(100));
		}
		for (const field of ['conversationId', 'clientMessageId']) {
			const response = await postChat(app(), { text: 'Who is Jane?', orgId: 'acme', [field]: 'c'.repeat(100_000) });
			expect(response.status, field).toBe(400);
			const text = await response.text();
			expect(text.length, field).toBeLessThan(1000);
			expect(text, field).not.toContain('c'.repeat(100));
		}
	});

	test('unknown addresses answer 404: a page for pages, JSON for the API; a wrong method is a JSON 405', async () => {
		const page = await app().fetch('/foo');
		expect(page.status).toBe(404);
		expect(page.headers.get('content-type')).toContain('text/html');
		for (const method of ['GET', 'POST', 'DELETE']) {
			const api = await app().fetch('/api/foo', { method });
			expect(api.status, method).toBe(404);
			expect((await api.json()).error.code).toBe('not_found');
		}
		const wrongMethod = await app().fetch('/api/orgs', { method: 'PUT', headers: json, body: '{}' });
		expect(wrongMethod.status).toBe(405);
		expect((await wrongMethod.json()).error.code).toBe('method_not_allowed');
		expect(app().logs()).not.toContain('Missing +page.svelte');
	});

	test('hostile text for the offline parser is answered about as fast as ordinary text', async () => {
		// All of these get a short reply, so the time is the parser's, not a long answer's.
		const timed = async (text: string) => {
			let best = Infinity;
			for (let attempt = 0; attempt < 2; attempt++) {
				const started = performance.now();
				const events = await readEvents(await postChat(app(), { text, orgId: 'acme' }));
				expect(events.at(-1)?.event.type).toBe('done');
				expect(answerText(events).length).toBeLessThan(2000);
				best = Math.min(best, performance.now() - started);
			}
			return best;
		};
		const ordinary = await timed('tell me a story about ' + 'robots '.repeat(1139));
		for (const text of ['who reports to ' + '!?'.repeat(3990), 'add ' + ','.repeat(7990) + 'x', 'move x ' + 'to the '.repeat(1140) + 'x']) {
			expect(await timed(text), text.slice(0, 20)).toBeLessThan(ordinary * 5 + 1500);
		}
	});
});

describe('web surface with ALLOWED_HOSTS and CORS_ORIGINS', () => {
	const tools = 'https://tools.example.test';
	const app = useAppServer(embedded, () => ({ ALLOWED_HOSTS: 'chart.example.test, 10.0.0.5:8080', CORS_ORIGINS: tools }));

	test('listed host names are answered (any port unless the entry names one); others, loopback included, get 421', async () => {
		for (const host of ['chart.example.test', 'chart.example.test:3000', 'CHART.example.test', '10.0.0.5:8080']) {
			expect((await raw(app(), '/api/orgs', { headers: { host } })).status, host).toBe(200);
		}
		for (const host of ['10.0.0.5:9090', '10.0.0.5', 'evil.example.test', 'localhost', 'chart.example.test.evil.example']) {
			expect((await raw(app(), '/api/orgs', { headers: { host } })).status, host).toBe(421);
		}
	});

	test('a listed CORS origin gets Access-Control-Allow-Origin and a preflight answer; others do not', async () => {
		const host = 'chart.example.test';
		const preflight = await raw(app(), '/api/orgs/acme/people', {
			method: 'OPTIONS',
			headers: { host, origin: tools, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' }
		});
		expect(preflight.status).toBe(204);
		expect(preflight.headers['access-control-allow-origin']).toBe(tools);
		expect(preflight.headers['access-control-allow-methods']).toMatch(/GET.*POST.*PATCH.*DELETE/);
		expect(preflight.headers['access-control-allow-headers']).toMatch(/content-type.*authorization.*last-event-id/);
		expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();

		const read = await raw(app(), '/api/orgs', { headers: { host, origin: tools } });
		expect(read.status).toBe(200);
		expect(read.headers['access-control-allow-origin']).toBe(tools);
		expect(String(read.headers.vary)).toContain('Origin');

		const other = await raw(app(), '/api/orgs', { headers: { host, origin: 'https://other.example.test' } });
		expect(other.headers['access-control-allow-origin']).toBeUndefined();
	});
});

describe('web surface with ORIGIN', () => {
	const app = useAppServer(embedded, () => ({ ORIGIN: 'https://chart.example.test' }));

	test("ORIGIN's host is answered on any port, others get 421; writes from ORIGIN are accepted", async () => {
		expect((await raw(app(), '/api/orgs', { headers: { host: 'chart.example.test' } })).status).toBe(200);
		expect((await raw(app(), '/api/orgs', { headers: { host: 'chart.example.test:8443' } })).status).toBe(200);
		expect((await raw(app(), '/api/orgs', { headers: { host: 'other.example.test' } })).status).toBe(421);
		const write = await raw(app(), '/api/orgs/acme/people', {
			method: 'POST',
			headers: { ...json, host: 'chart.example.test', origin: 'https://chart.example.test' },
			body: newPerson('From Origin')
		});
		expect(write.status).toBe(201);
		const crossSite = await raw(app(), '/api/orgs/acme/people', {
			method: 'POST',
			headers: { ...json, host: 'chart.example.test', origin: 'https://evil.example.test' },
			body: newPerson('Not From Origin')
		});
		expect(crossSite.status).toBe(403);
	});
});

describe('web surface settings are validated at start', () => {
	test('CORS_ORIGINS=* stops the server with a message naming it', async () => {
		await expect(startAppServer({ CORS_ORIGINS: '*' })).rejects.toThrow(/CORS_ORIGINS cannot be "\*"/);
	});
});
