/**
 * The whole product with no model configured: the built server, the offline assistant, the
 * tools and the database, through POST /api/chat/stream and the REST API.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import type { Person } from '../../src/lib/protocol';
import { answerText, postChat, readEvents } from '../helpers/sse';
import { stackTargets, useAppServer } from '../helpers/targets';

for (const target of stackTargets()) {
	describe(`chat with the offline assistant (${target.label})`, () => {
		const app = useAppServer(target);

		const people = async (): Promise<Person[]> => {
			const response = await app().fetch('/api/orgs/acme/people');
			expect(response.status).toBe(200);
			return ((await response.json()) as { people: Person[] }).people;
		};

		test('adding John Doe under Jane Smith streams the tool call and changes the chart once', async () => {
			const response = await postChat(app(), { text: 'Add John Doe as a developer under Jane Smith', orgId: 'acme' });
			expect(response.status).toBe(200);
			expect(response.headers.get('content-type')).toContain('text/event-stream');
			expect(response.headers.get('cache-control')).toContain('no-cache');
			expect(response.headers.get('x-accel-buffering')).toBe('no');
			expect(response.headers.get('content-encoding')).toBeNull();
			const events = await readEvents(response);
			const types = events.map(({ event }) => event.type);

			expect(types[0]).toBe('start');
			expect(types.at(-1)).toBe('done');
			const ids = events.map(({ id }) => id);
			expect(ids).toEqual([...ids].sort((a, b) => a - b));
			expect(new Set(ids).size).toBe(ids.length);
			const order = ['tool_call', 'tool_execution_start', 'tool_execution_complete', 'delta', 'done'].map((type) => types.indexOf(type as never));
			expect(order.every((index) => index > 0)).toBe(true);
			expect(order).toEqual([...order].sort((a, b) => a - b));

			const call = events.find(({ event }) => event.type === 'tool_call')!.event;
			if (call.type !== 'tool_call') throw new Error('unreachable');
			expect(call.toolCall.function.name).toBe('addUser');
			expect(JSON.parse(call.toolCall.function.arguments)).toMatchObject({ name: 'John Doe', title: 'Developer', manager: 'Jane Smith' });
			const complete = events.find(({ event }) => event.type === 'tool_execution_complete')!.event;
			expect(complete).toMatchObject({ toolId: call.toolCall.id, mutated: true });
			expect(answerText(events)).toContain('John Doe');

			const everyone = await people();
			const johns = everyone.filter((person) => person.name === 'John Doe');
			expect(johns).toHaveLength(1);
			const jane = everyone.find((person) => person.name === 'Jane Smith')!;
			expect(johns[0]).toMatchObject({ title: 'Developer', managerId: jane.id });

			const start = events[0].event;
			if (start.type !== 'start') throw new Error('unreachable');
			const followUp = await readEvents(
				await postChat(app(), { text: 'Who reports to Jane Smith?', orgId: 'acme', conversationId: start.conversationId })
			);
			expect(followUp.at(-1)?.event.type).toBe('done');
			expect(answerText(followUp)).toContain('John Doe');
		});

		test('a repeated clientMessageId re-attaches to its run and never adds twice', async () => {
			const clientMessageId = randomUUID();
			const body = { text: 'Add Maria Lopez as a designer under Jane Smith', orgId: 'acme', clientMessageId };
			const first = await readEvents(await postChat(app(), body));
			const second = await readEvents(await postChat(app(), body));
			const runIdOf = (events: typeof first) => (events[0].event.type === 'start' ? events[0].event.runId : undefined);
			expect(runIdOf(second)).toBe(runIdOf(first));
			expect((await people()).filter((person) => person.name === 'Maria Lopez')).toHaveLength(1);
		});

		test('a dropped client resumes after its Last-Event-ID and misses nothing', async () => {
			const events = await readEvents(await postChat(app(), { text: 'How many people are in the org?', orgId: 'acme' }));
			const start = events[0].event;
			if (start.type !== 'start') throw new Error('unreachable');
			const resumed = await readEvents(
				await app().fetch(`/api/chat/runs/${start.runId}/events`, { headers: { 'last-event-id': '2' } })
			);
			expect(resumed.map(({ id }) => id)).toEqual(events.filter(({ id }) => id > 2).map(({ id }) => id));
			expect(resumed.at(-1)?.event.type).toBe('done');
		});

		test('an open-ended request gets an honest answer, no tool and no invention', async () => {
			const events = await readEvents(await postChat(app(), { text: 'Tell me a story about a robot', orgId: 'acme' }));
			expect(events.some(({ event }) => event.type === 'tool_call')).toBe(false);
			expect(events.at(-1)?.event.type).toBe('done');
			expect(answerText(events)).toMatch(/model/i);
		});

		test('the stored conversation comes back after a reload', async () => {
			const events = await readEvents(await postChat(app(), { text: 'Who is Jane Smith?', orgId: 'acme' }));
			const start = events[0].event;
			if (start.type !== 'start') throw new Error('unreachable');
			const view = await (await app().fetch(`/api/chat/conversations/${start.conversationId}`)).json();
			expect(view.activeRunId).toBeNull();
			expect(view.messages.map((message: { role: string }) => message.role)).toEqual(['user', 'assistant']);
			expect(view.messages[1].content).toBe(answerText(events));
			expect(view.messages[1].toolCalls[0]).toMatchObject({ name: 'getUserInformation', status: 'complete' });
			// In the order it happened: the lookup, then the answer written from it.
			expect(view.messages[1].parts).toEqual([
				{ kind: 'tool', toolCallId: view.messages[1].toolCalls[0].id },
				{ kind: 'text', text: answerText(events) }
			]);
		});

		test('bad requests get clear JSON errors and change nothing', async () => {
			const before = (await people()).length;
			const empty = await postChat(app(), { text: '   ', orgId: 'acme' });
			expect(empty.status).toBe(400);
			expect((await empty.json()).error.code).toBe('invalid_request');
			const unknownOrg = await postChat(app(), { text: 'Add Ann Lee as a developer under Jane Smith', orgId: 'nope' });
			expect(unknownOrg.status).toBe(404);
			const notJson = await app().fetch('/api/chat/stream', {
				method: 'POST',
				headers: { 'content-type': 'application/json', origin: app().url },
				body: '{'
			});
			expect(notJson.status).toBe(400);
			const unknownRun = await app().fetch(`/api/chat/runs/${randomUUID()}/events`);
			expect(unknownRun.status).toBe(404);
			expect((await people()).length).toBe(before);
		});

		test('health reports the database and the model', async () => {
			const health = await (await app().fetch('/healthz')).json();
			expect(health).toMatchObject({ ok: true, llm: 'offline', db: target.label.startsWith('postgres') ? 'postgres' : 'pglite' });
		});
	});
}
