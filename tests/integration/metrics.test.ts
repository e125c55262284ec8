/**
 * GET /metrics on the built server: who may read it (METRICS_TOKEN, or loopback clients when it is
 * unset), and that what users do moves it: an offline answer with a tool, a client that leaves
 * and comes back, a model provider that cannot be reached.
 */
import { request } from 'node:http';
import { beforeAll, describe, expect, test } from 'vitest';
import { freePort, type AppServer } from '../helpers/app-server';
import { postChat, readEvents } from '../helpers/sse';
import { stackTargets, useAppServer } from '../helpers/targets';

const TOKEN = 'metrics-test-token-5b8e1f2a9c';

/** The sum of a metric's samples whose labels include `labels` (0 when there is none). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
	let total = 0;
	for (const line of text.split('\n')) {
		const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
		if (!match || match[1] !== name) continue;
		const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, key, value]) => [key, value]));
		if (Object.entries(labels).every(([key, value]) => found[key] === value)) total += Number(match[3]);
	}
	return total;
}

/** GET /metrics through node:http, which may send any Host (fetch cannot). */
function rawGet(app: AppServer, headers: Record<string, string>): Promise<{ status: number; body: string }> {
	const { port } = new URL(app.url);
	return new Promise((resolve, reject) => {
		const req = request({ host: '127.0.0.1', port, path: '/metrics', headers }, (res) => {
			let body = '';
			res.on('data', (chunk) => (body += chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
		});
		req.on('error', reject);
		req.end();
	});
}

/** Scrapes until `ready` holds (the last events of an answer are counted just after its stream ends), for at most 5 s. */
async function scrapeUntil(scrape: () => Promise<string>, ready: (text: string) => boolean): Promise<string> {
	const deadline = Date.now() + 5_000;
	let text = await scrape();
	while (!ready(text) && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 50));
		text = await scrape();
	}
	return text;
}

/** How much each named sample grew between two scrapes. */
const grew = (before: string, after: string) => (name: string, labels: Record<string, string> = {}) => sample(after, name, labels) - sample(before, name, labels);

for (const target of stackTargets()) {
	describe(`metrics with METRICS_TOKEN (${target.label})`, () => {
		// Tokens paced so a client can leave mid-answer.
		const app = useAppServer(target, () => ({ METRICS_TOKEN: TOKEN, OFFLINE_TOKEN_DELAY_MS: '20' }));
		const scrape = async () => {
			const response = await fetch(`${app().url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
			expect(response.status).toBe(200);
			return response.text();
		};

		test('no token or a wrong one is a 401 JSON error, a signed-in owner included; the token gets the text format', async () => {
			for (const headers of [{}, { authorization: 'Bearer not-the-metrics-token' }, { authorization: `Basic ${TOKEN}` }] as Record<string, string>[]) {
				const refused = await fetch(`${app().url}/metrics`, { headers });
				expect(refused.status).toBe(401);
				expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer/);
				const body = (await refused.json()) as { error: { code: string; message: string } };
				expect(body.error.code).toBe('unauthorized');
				expect(body.error.message).toContain('METRICS_TOKEN');
			}
			// An account, even the owner's, is no way in.
			expect((await app().fetch('/metrics')).status).toBe(401);

			const response = await fetch(`${app().url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
			expect(response.status).toBe(200);
			expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
			const text = await response.text();
			for (const name of ['organichart_runs_started_total', 'organichart_open_streams', 'organichart_db_query_duration_seconds_count', 'nodejs_eventloop_lag_seconds', 'process_cpu_seconds_total']) {
				expect(text, name).toMatch(new RegExp(`^${name}[ {]`, 'm'));
			}
		});

		test('Prometheus may scrape the instance by its address: with the token any Host is answered', async () => {
			const byAddress = await rawGet(app(), { host: '10.0.0.5:3000', authorization: `Bearer ${TOKEN}` });
			expect(byAddress.status).toBe(200);
			expect(byAddress.body).toContain('organichart_runs_started_total');
			const withoutToken = await rawGet(app(), { host: '10.0.0.5:3000' });
			expect(withoutToken.status).toBe(401);
			expect(withoutToken.body).not.toContain('organichart_');
		});

		test('an offline answer with a tool moves the run, first-text, tool, database and stream metrics', async () => {
			const before = await scrape();
			const events = await readEvents(await postChat(app(), { text: 'Who reports to Jane Smith?', orgId: 'acme' }));
			expect(events.at(-1)?.event.type).toBe('done');
			const call = events.find(({ event }) => event.type === 'tool_call')?.event;
			expect(call?.type === 'tool_call' && call.toolCall.function.name).toBe('getReports');

			const after = await scrapeUntil(scrape, (text) => sample(text, 'organichart_runs_finished_total') > sample(before, 'organichart_runs_finished_total'));
			const delta = grew(before, after);
			expect(delta('organichart_runs_started_total')).toBe(1);
			expect(delta('organichart_runs_finished_total')).toBe(1);
			expect(delta('organichart_runs_failed_total')).toBe(0);
			expect(delta('organichart_runs_stopped_total')).toBe(0);
			expect(delta('organichart_run_first_text_seconds_count')).toBe(1);
			expect(delta('organichart_run_duration_seconds_count', { status: 'done' })).toBe(1);
			expect(delta('organichart_tool_duration_seconds_count', { tool: 'getReports', outcome: 'ok' })).toBe(1);
			expect(delta('organichart_tool_duration_seconds_sum', { tool: 'getReports' })).toBeGreaterThan(0);
			// Starting the run, reading the history, the tool's reads, saving the answer: a good many statements.
			expect(delta('organichart_db_query_duration_seconds_count')).toBeGreaterThanOrEqual(5);
			expect(delta('organichart_db_query_duration_seconds_sum')).toBeGreaterThan(0);
			expect(sample(after, 'organichart_open_streams')).toBe(0);
		});

		test('a client that leaves mid-answer is a disconnect, coming back is a resume, and no stream stays open', async () => {
			const before = await scrape();
			const leaving = new AbortController();
			const response = await app().fetch('/api/chat/stream', {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ text: 'Who reports to Jane Smith?', orgId: 'acme' }),
				signal: leaving.signal
			});
			let runId = '';
			let lastId = 0;
			// The client goes away at the first text; its read then fails, as a closed tab's would.
			await readEvents(response, ({ id, event }) => {
				lastId = id;
				if (event.type === 'start') runId = event.runId;
				if (event.type === 'delta') leaving.abort();
			}).catch(() => {});
			expect(runId).not.toBe('');

			const left = await scrapeUntil(scrape, (text) => grew(before, text)('organichart_stream_disconnects_total', { reason: 'client_gone' }) === 1);
			expect(grew(before, left)('organichart_stream_disconnects_total', { reason: 'client_gone' })).toBe(1);

			const resumed = await readEvents(await app().fetch(`/api/chat/runs/${runId}/events`, { headers: { 'last-event-id': String(lastId) } }));
			expect(resumed.at(-1)?.event.type).toBe('done');
			const after = await scrapeUntil(scrape, (text) => sample(text, 'organichart_open_streams') === 0);
			const delta = grew(before, after);
			expect(delta('organichart_stream_resumes_total')).toBe(1);
			expect(delta('organichart_stream_disconnects_total', { reason: 'client_gone' })).toBe(1);
			expect(delta('organichart_stream_disconnects_total', { reason: 'slow_client' })).toBe(0);
			expect(sample(after, 'organichart_open_streams')).toBe(0);
		});
	});
}

describe('metrics without METRICS_TOKEN, with a model provider that cannot be reached', () => {
	let closedPort = 0;
	beforeAll(async () => {
		// Free now, and nothing listens there: every connection is refused.
		closedPort = await freePort();
	});
	const app = useAppServer(stackTargets()[0], () => ({ OPENAI_BASE_URL: `http://127.0.0.1:${closedPort}/v1`, OPENAI_MODEL: 'test-model' }));
	const scrape = async () => {
		const response = await fetch(`${app().url}/metrics`);
		expect(response.status).toBe(200);
		return response.text();
	};

	test('a client on this machine reads them without a token; one behind a proxy header is refused with 403', async () => {
		expect((await fetch(`${app().url}/metrics`)).status).toBe(200);
		const proxied = await fetch(`${app().url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
		expect(proxied.status).toBe(403);
		const body = (await proxied.json()) as { error: { code: string; message: string } };
		expect(body.error.code).toBe('forbidden');
		expect(body.error.message).toContain('METRICS_TOKEN');
	});

	test('the failed answer is counted as failed, with an upstream error of kind connection, and its stream closed', async () => {
		const before = await scrape();
		const events = await readEvents(await postChat(app(), { text: 'Who reports to Jane Smith?', orgId: 'acme' }));
		expect(events.at(-1)?.event.type).toBe('error');

		const after = await scrapeUntil(scrape, (text) => sample(text, 'organichart_runs_failed_total') > sample(before, 'organichart_runs_failed_total'));
		const delta = grew(before, after);
		expect(delta('organichart_runs_started_total')).toBe(1);
		expect(delta('organichart_runs_failed_total')).toBe(1);
		expect(delta('organichart_runs_finished_total')).toBe(0);
		expect(delta('organichart_run_duration_seconds_count', { status: 'error' })).toBe(1);
		expect(delta('organichart_run_first_text_seconds_count')).toBe(0);
		expect(delta('organichart_upstream_errors_total', { kind: 'connection' })).toBe(1);
		expect(delta('organichart_upstream_errors_total')).toBe(1);
		expect(sample(after, 'organichart_open_streams')).toBe(0);
	});
});
