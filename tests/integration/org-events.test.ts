/**
 * Live updates: GET /api/orgs/:org/events streams every committed change to people, from any door
 * (REST, the assistant) and, with Redis, from any instance; it resumes with Last-Event-ID.
 */
import { createParser } from 'eventsource-parser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { OrgChangeEvent, Person } from '../../src/lib/protocol';
import { json } from '../helpers/accounts';
import { startAppServer, type AppServer } from '../helpers/app-server';
import { createFreshPostgresDatabase } from '../helpers/database';
import { postChat, readEvents } from '../helpers/sse';
import { stackTargets, useAppServer } from '../helpers/targets';

type Received = { id: number; event: OrgChangeEvent };

/** Follows an org's event stream in the background; `next()` waits (bounded) for the next event. */
async function follow(app: Pick<AppServer, 'fetch'>, init: { lastEventId?: number } = {}) {
	const abort = new AbortController();
	const headers: Record<string, string> = { accept: 'text/event-stream' };
	if (init.lastEventId !== undefined) headers['last-event-id'] = String(init.lastEventId);
	const response = await app.fetch('/api/orgs/acme/events', { headers, signal: abort.signal });
	expect(response.status).toBe(200);
	expect(response.headers.get('content-type')).toContain('text/event-stream');
	const queue: Received[] = [];
	let notify = () => {};
	const parser = createParser({
		onEvent: (message) => {
			queue.push({ id: Number(message.id), event: JSON.parse(message.data) as OrgChangeEvent });
			notify();
		}
	});
	const decoder = new TextDecoder();
	const reader = response.body!.getReader();
	void (async () => {
		try {
			for (;;) {
				const { done, value } = await reader.read();
				if (done) break;
				parser.feed(decoder.decode(value, { stream: true }));
			}
		} catch {
			// Closed by the test.
		}
	})();
	return {
		async next(timeoutMs = 2_000): Promise<Received> {
			const deadline = Date.now() + timeoutMs;
			while (queue.length === 0) {
				const left = deadline - Date.now();
				if (left <= 0) throw new Error(`no org event within ${timeoutMs} ms`);
				await new Promise<void>((resolve) => {
					notify = resolve;
					setTimeout(resolve, left);
				});
			}
			return queue.shift()!;
		},
		pending: () => queue.length,
		close: () => abort.abort()
	};
}

const addPerson = (app: Pick<AppServer, 'fetch'>, name: string) =>
	app.fetch('/api/orgs/acme/people', { method: 'POST', headers: json, body: JSON.stringify({ name, title: 'Engineer', manager: 'Jane Smith', location: 'Berlin' }) });

for (const target of stackTargets()) {
	describe(`live org events (${target.label})`, () => {
		const app = useAppServer(target);

		test('a REST change arrives within 2 s with the changed person and their fields', async () => {
			const stream = await follow(app());
			try {
				const response = await addPerson(app(), 'Lena Live');
				expect(response.status).toBe(201);
				const { person, changeId } = (await response.json()) as { person: Person; changeId: string };
				const { id, event } = await stream.next();
				expect(id).toBeGreaterThan(0);
				expect(event).toMatchObject({ type: 'change', id: changeId, actor: { kind: 'user' }, personIds: [person.id] });
				expect(event.summary).toContain('Lena Live');
				expect(event.people).toEqual([{ id: person.id, person: expect.objectContaining({ name: 'Lena Live', title: 'Engineer', location: 'Berlin', managerId: person.managerId }) }]);

				// A removal: the person comes back as null, and the reports they had move with it in the same event.
				const removed = await app().fetch(`/api/orgs/acme/people/${person.id}`, { method: 'DELETE' });
				expect(removed.status).toBe(200);
				const removal = await stream.next();
				expect(removal.id).toBeGreaterThan(id);
				expect(removal.event.people).toContainEqual({ id: person.id, person: null });
			} finally {
				stream.close();
			}
		});

		test("the assistant's changes arrive too, with the assistant as actor", async () => {
			const stream = await follow(app());
			try {
				const events = await readEvents(await postChat(app(), { text: 'Add Otto Offline as a Designer under Jane Smith', orgId: 'acme' }));
				expect(events.some(({ event }) => event.type === 'tool_execution_complete')).toBe(true);
				const { event } = await stream.next();
				expect(event.actor.kind).toBe('assistant');
				expect(event.actor.runId).toBeTruthy();
				expect(event.people[0].person).toMatchObject({ name: 'Otto Offline', title: 'Designer' });
			} finally {
				stream.close();
			}
		});

		test('a stream resumed with Last-Event-ID replays the changes it missed, in order, once', async () => {
			const first = await follow(app());
			await addPerson(app(), 'Mia Missed-Before');
			const seen = await first.next();
			first.close();
			await addPerson(app(), 'Max Missed-One');
			await addPerson(app(), 'Mo Missed-Two');
			const resumed = await follow(app(), { lastEventId: seen.id });
			try {
				const a = await resumed.next();
				const b = await resumed.next();
				expect([a.event.people[0].person?.name, b.event.people[0].person?.name]).toEqual(['Max Missed-One', 'Mo Missed-Two']);
				expect(b.id).toBeGreaterThan(a.id);
				await new Promise((resolve) => setTimeout(resolve, 300));
				expect(resumed.pending()).toBe(0);
			} finally {
				resumed.close();
			}
		});

		test('a bad Last-Event-ID is a 400, and another org is a 404', async () => {
			const bad = await app().fetch('/api/orgs/acme/events', { headers: { 'last-event-id': 'yesterday' } });
			expect(bad.status).toBe(400);
			expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
			expect((await app().fetch('/api/orgs/no-such-org/events')).status).toBe(404);
		});
	});
}

const databaseUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL;

describe.skipIf(!databaseUrl || !redisUrl)('live org events across two instances sharing PostgreSQL and Redis', () => {
	let a: AppServer;
	let b: AppServer;
	let dropDatabase = async () => {};
	beforeAll(async () => {
		const fresh = await createFreshPostgresDatabase(databaseUrl!);
		dropDatabase = fresh.drop;
		const env = { DATABASE_URL: fresh.url, REDIS_URL: redisUrl! };
		a = await startAppServer(env);
		b = await startAppServer(env);
	});
	afterAll(async () => {
		await a?.stop();
		await b?.stop();
		await dropDatabase();
	});

	test('a change made on one instance reaches a page following the other within 2 s', async () => {
		const onB = await follow(b);
		try {
			const started = Date.now();
			const response = await addPerson(a, 'Ida Instance');
			const { person } = (await response.json()) as { person: Person };
			const { event } = await onB.next(2_000);
			expect(Date.now() - started).toBeLessThan(2_000);
			expect(event.people[0]).toEqual({ id: person.id, person: expect.objectContaining({ name: 'Ida Instance' }) });
		} finally {
			onB.close();
		}
	});
});
