/**
 * Changes that wait for the user's approval, through the built server and the offline assistant:
 * approve, deny, time out, reconnect while waiting, answers from someone else, viewers, and
 * TOOL_APPROVAL=none. With PostgreSQL and Redis, the approval may arrive on another instance.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Person, StreamEvent } from '../../src/lib/protocol';
import { addMember } from '../helpers/accounts';
import { startAppServer, type AppServer } from '../helpers/app-server';
import { createFreshPostgresDatabase } from '../helpers/database';
import { answerText, postChat, readEvents, type ReceivedEvent } from '../helpers/sse';
import { stackTargets, useAppServer } from '../helpers/targets';

type Fetch = AppServer['fetch'];
type Approval = Extract<StreamEvent, { type: 'tool_approval_required' }>;

const people = async (fetchAs: Fetch): Promise<Person[]> => ((await (await fetchAs('/api/orgs/acme/people')).json()) as { people: Person[] }).people;
const named = async (fetchAs: Fetch, name: string) => (await people(fetchAs)).filter((person) => person.name === name);
const types = (events: ReceivedEvent[]) => events.map(({ event }) => event.type);
const answer = (fetchAs: Fetch, runId: string, toolId: string, verb: 'approve' | 'deny') =>
	fetchAs(`/api/chat/runs/${runId}/tools/${toolId}/${verb}`, { method: 'POST' });

/** Sends `text` and reads the answer; `onApproval` runs when a call waits for approval. */
async function chat(
	fetchAs: Fetch,
	text: string,
	onApproval?: (runId: string, request: Approval, conversationId: string) => Promise<void>
): Promise<ReceivedEvent[]> {
	let runId = '';
	let conversationId = '';
	return readEvents(await postChat({ fetch: fetchAs }, { text, orgId: 'acme' }), async ({ event }) => {
		if (event.type === 'start') ({ runId, conversationId } = event);
		if (event.type === 'tool_approval_required') await onApproval?.(runId, event, conversationId);
	});
}

/** The events from the first tool_call on, by type, with approval events shown with their answer. */
function toolFlow(events: ReceivedEvent[]): string[] {
	return events
		.filter(({ event }) => event.type.startsWith('tool_') && event.type !== 'tool_call_delta')
		.map(({ event }) => (event.type === 'tool_approval_resolved' ? `${event.type}:${event.approved}` : event.type));
}

for (const target of stackTargets()) {
	describe(`tool approval with the offline assistant (${target.label})`, () => {
		const app = useAppServer(target);

		test('Deny: nothing changes, the call fails as declined, the answer says it was not done', async () => {
			let summary = '';
			const events = await chat(app().fetch, 'Remove Priya Patel', async (runId, request) => {
				expect(request).toMatchObject({ toolName: 'removeUser', arguments: { person: 'Priya Patel' } });
				summary = request.summary;
				const response = await answer(app().fetch, runId, request.toolId, 'deny');
				expect(response.status).toBe(200);
				expect(await response.json()).toEqual({ ok: true, approved: false });
			});
			expect(summary).toMatch(/^Remove Priya Patel \(VP of People\); their 3 direct reports move to Margaret Chen/);
			expect(toolFlow(events)).toEqual(['tool_call', 'tool_approval_required', 'tool_approval_resolved:false', 'tool_execution_error']);
			const failure = events.find(({ event }) => event.type === 'tool_execution_error')?.event;
			expect(failure?.type === 'tool_execution_error' && failure.error).toMatch(/declined/i);
			expect(answerText(events)).toMatch(/didn't make that change/i);
			expect(types(events).at(-1)).toBe('done');
			expect(await named(app().fetch, 'Priya Patel')).toHaveLength(1);
		});

		test('Approve: the person is removed, events in order, and the call is stored as complete', async () => {
			const events = await chat(app().fetch, 'Remove Priya Patel', async (runId, request) => {
				const response = await answer(app().fetch, runId, request.toolId, 'approve');
				expect(await response.json()).toEqual({ ok: true, approved: true });
			});
			expect(toolFlow(events)).toEqual([
				'tool_call',
				'tool_approval_required',
				'tool_approval_resolved:true',
				'tool_execution_start',
				'tool_execution_complete'
			]);
			const all = types(events);
			expect(all.indexOf('delta', all.indexOf('tool_execution_complete'))).toBeGreaterThan(0);
			expect(all.at(-1)).toBe('done');
			expect(await named(app().fetch, 'Priya Patel')).toHaveLength(0);
			const start = events[0].event;
			if (start.type !== 'start') throw new Error('unreachable');
			const view = await (await app().fetch(`/api/chat/conversations/${start.conversationId}`)).json();
			expect(view.messages.at(-1).toolCalls[0]).toMatchObject({ name: 'removeUser', status: 'complete', summary: expect.stringMatching(/^Remove Priya Patel/) });
		});

		test('a dropped stream while waiting: the replay and the conversation show the request; approving finishes the run', async () => {
			const abort = new AbortController();
			let pending: { runId: string; conversationId: string; toolId: string } | undefined;
			let runId = '';
			let conversationId = '';
			const response = await app().fetch('/api/chat/stream', {
				method: 'POST',
				headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
				body: JSON.stringify({ text: 'Remove Emma Wilson', orgId: 'acme' }),
				signal: abort.signal
			});
			await readEvents(response, ({ event }) => {
				if (event.type === 'start') ({ runId, conversationId } = event);
				if (event.type === 'tool_approval_required') {
					pending = { runId, conversationId, toolId: event.toolId };
					abort.abort();
				}
			}).catch(() => {});
			if (!pending) throw new Error('no approval was requested');

			const view = await (await app().fetch(`/api/chat/conversations/${pending.conversationId}`)).json();
			expect(view.activeRunId).toBe(pending.runId);
			const replay = await app().fetch(`/api/chat/runs/${pending.runId}/events`, { headers: { 'last-event-id': '0' } });
			const { toolId } = pending;
			const events = await readEvents(replay, async ({ event }) => {
				if (event.type === 'tool_approval_required') {
					expect(event).toMatchObject({ toolId, toolName: 'removeUser', summary: expect.stringMatching(/^Remove Emma Wilson/) });
					expect((await answer(app().fetch, pending!.runId, toolId, 'approve')).status).toBe(200);
				}
			});
			expect(toolFlow(events)).toEqual(['tool_call', 'tool_approval_required', 'tool_approval_resolved:true', 'tool_execution_start', 'tool_execution_complete']);
			expect(types(events).at(-1)).toBe('done');
			expect(await named(app().fetch, 'Emma Wilson')).toHaveLength(0);
		});

		test('the conversation shows a waiting call as awaiting_approval', async () => {
			let seen: unknown;
			await chat(app().fetch, 'Remove Diego Hernández', async (runId, request, conversationId) => {
				const view = await (await app().fetch(`/api/chat/conversations/${conversationId}`)).json();
				expect(view.activeRunId).toBe(runId);
				seen = view.messages.at(-1).toolCalls[0];
				await answer(app().fetch, runId, request.toolId, 'deny');
			});
			expect(seen).toMatchObject({ name: 'removeUser', status: 'awaiting_approval', summary: expect.stringMatching(/^Remove Diego Hernández/) });
		});

		test('only the run’s own user can answer: others get 404, unknown calls 404, answered calls 409', async () => {
			const other = (await addMember(app(), 'acme', 'editor')).fetch;
			let checked = false;
			await chat(app().fetch, 'Remove Michelle Adeyemi', async (runId, request) => {
				expect((await answer(other, runId, request.toolId, 'approve')).status).toBe(404);
				expect((await answer(other, runId, request.toolId, 'deny')).status).toBe(404);
				expect((await answer(app().fetch, runId, 'call_unknown', 'approve')).status).toBe(404);
				expect((await answer(app().fetch, '00000000-0000-4000-8000-000000000000', request.toolId, 'approve')).status).toBe(404);
				expect((await answer(app().fetch, runId, request.toolId, 'deny')).status).toBe(200);
				const again = await answer(app().fetch, runId, request.toolId, 'approve');
				expect(again.status).toBe(409);
				expect((await again.json()).error.code).toBe('conflict');
				checked = true;
			});
			expect(checked).toBe(true);
			expect(await named(app().fetch, 'Michelle Adeyemi')).toHaveLength(1);
		});

		test('a viewer asking to remove, move or add people changes nothing and is never asked to approve', async () => {
			const viewer = (await addMember(app(), 'acme', 'viewer')).fetch;
			const before = await people(app().fetch);
			for (const text of ['Remove Jane Smith', 'Move Jane Smith under Margaret Chen', 'Add Vera Viewer as a developer under Jane Smith']) {
				const events = await chat(viewer, text);
				expect(types(events)).not.toContain('tool_approval_required');
				const failures = events.filter(({ event }) => event.type === 'tool_execution_error');
				expect(failures.length, text).toBeGreaterThan(0);
				for (const { event } of failures) expect(event.type === 'tool_execution_error' && event.error).toMatch(/not allowed/i);
				expect(types(events).at(-1)).toBe('done');
			}
			expect(await people(app().fetch)).toEqual(before);
		});
	});

	describe(`an approval left unanswered (${target.label}, APPROVAL_TIMEOUT_S=2)`, () => {
		const app = useAppServer(target, () => ({ APPROVAL_TIMEOUT_S: '2' }));

		test('counts as declined after the timeout and changes nothing', async () => {
			const started = Date.now();
			const events = await chat(app().fetch, 'Remove Priya Patel');
			expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
			expect(toolFlow(events)).toEqual(['tool_call', 'tool_approval_required', 'tool_approval_resolved:false', 'tool_execution_error']);
			const failure = events.find(({ event }) => event.type === 'tool_execution_error')?.event;
			expect(failure?.type === 'tool_execution_error' && failure.error).toMatch(/timed out/i);
			expect(answerText(events)).toMatch(/timed out/i);
			expect(types(events).at(-1)).toBe('done');
			expect(await named(app().fetch, 'Priya Patel')).toHaveLength(1);
		});

		test('Stop while waiting ends the run as stopped, and the call did not run', async () => {
			const events = await chat(app().fetch, 'Remove Priya Patel', async (runId) => {
				expect((await app().fetch(`/api/chat/runs/${runId}/stop`, { method: 'POST' })).status).toBe(200);
			});
			expect(events.at(-1)?.event).toMatchObject({ type: 'done', finishReason: 'stopped' });
			expect(types(events)).not.toContain('tool_execution_start');
			expect(await named(app().fetch, 'Priya Patel')).toHaveLength(1);
		});
	});
}

describe('TOOL_APPROVAL=none', () => {
	const app = useAppServer(stackTargets()[0], () => ({ TOOL_APPROVAL: 'none' }));

	test('a removal runs at once, without asking', async () => {
		const events = await chat(app().fetch, 'Remove Priya Patel');
		expect(toolFlow(events)).toEqual(['tool_call', 'tool_execution_start', 'tool_execution_complete']);
		expect(await named(app().fetch, 'Priya Patel')).toHaveLength(0);
	});
});

describe.skipIf(!process.env.TEST_DATABASE_URL || !process.env.TEST_REDIS_URL)('an approval answered on another instance', () => {
	let a: AppServer;
	let b: AppServer;
	let drop = async () => {};
	beforeAll(async () => {
		const fresh = await createFreshPostgresDatabase(process.env.TEST_DATABASE_URL!);
		drop = fresh.drop;
		const env = { DATABASE_URL: fresh.url, REDIS_URL: process.env.TEST_REDIS_URL! };
		a = await startAppServer(env);
		b = await startAppServer(env);
	});
	afterAll(async () => {
		await a?.stop();
		await b?.stop();
		await drop();
	});

	test('a removal waiting on one instance is approved through the other and runs', async () => {
		const events = await chat(a.fetch, 'Remove Priya Patel', async (runId, request) => {
			expect((await answer(b.fetch, runId, request.toolId, 'approve')).status).toBe(200);
			expect((await answer(b.fetch, runId, request.toolId, 'deny')).status).toBe(409);
		});
		expect(toolFlow(events)).toEqual(['tool_call', 'tool_approval_required', 'tool_approval_resolved:true', 'tool_execution_start', 'tool_execution_complete']);
		expect(await named(b.fetch, 'Priya Patel')).toHaveLength(0);
	});
});

