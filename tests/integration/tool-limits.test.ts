/**
 * What a model may make the server do, scripted through a local OpenAI-format server: at most
 * MAX_TOOL_CALLS_PER_TURN calls per turn, results bounded in size, a viewer's changes refused
 * before any approval, a declined change reported to the model as `denied`, and nothing of
 * another organization ever found.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Person } from '../../src/lib/protocol';
import { addMember, json } from '../helpers/accounts';
import type { AppServer } from '../helpers/app-server';
import { startOpenAIServer, textChunks, toolCallChunks, type OpenAITestServer } from '../helpers/openai-server';
import { postChat, readEvents, type ReceivedEvent } from '../helpers/sse';
import { stackTargets, useAppServer } from '../helpers/targets';

type RecordedMessage = { role: string; content?: string | null; tool_call_id?: string };

const MAX_TOOL_RESULT_CHARS = 16_000;

for (const target of stackTargets()) {
	describe(`limits on what a model's tool calls do (${target.label})`, () => {
		let model: OpenAITestServer;
		beforeAll(async () => {
			model = await startOpenAIServer();
		});
		afterAll(async () => {
			await model?.close();
		});
		const app = useAppServer(target, () => ({ OPENAI_BASE_URL: model.url, OPENAI_API_KEY: 'sk-test', OPENAI_MODEL: 'test-model', CHAT_RUNS_PER_MINUTE: '1000' }));

		const people = async (fetchAs: AppServer['fetch'] = app().fetch, org = 'acme'): Promise<Person[]> =>
			((await (await fetchAs(`/api/orgs/${org}/people`)).json()) as { people: Person[] }).people;
		const toolMessages = () => (model.requests.at(-1)!.messages as RecordedMessage[]).filter((message) => message.role === 'tool');
		const ofType = <T extends ReceivedEvent['event']['type']>(events: ReceivedEvent[], type: T) =>
			events.map(({ event }) => event).filter((event): event is Extract<ReceivedEvent['event'], { type: T }> => event.type === type);

		test('a turn of 200 addUser calls adds at most 10 people; the rest are refused without running', async () => {
			const before = (await people()).length;
			const calls = Array.from({ length: 200 }, (_, index) => ({
				id: `call_add_${index}`,
				name: 'addUser',
				arguments: JSON.stringify({ name: `Flood Person ${index}`, title: 'Developer', manager: 'Jane Smith' })
			}));
			model.enqueue({ chunks: toolCallChunks(calls, { fragmentSize: 200 }) });
			model.enqueue({ chunks: textChunks('Added the first ten.') });
			const events = await readEvents(await postChat(app(), { text: 'Add 200 developers under Jane', orgId: 'acme' }));
			expect(events.at(-1)?.event.type).toBe('done');
			const added = (await people()).filter((person) => person.name.startsWith('Flood Person'));
			expect(added.length).toBeLessThanOrEqual(10);
			expect((await people()).length - before).toBe(added.length);
			expect(ofType(events, 'tool_execution_start')).toHaveLength(10);
			const refused = ofType(events, 'tool_execution_error');
			expect(refused).toHaveLength(190);
			expect(refused[0].error).toMatch(/at most 10 tool calls/);
			const results = toolMessages();
			expect(results).toHaveLength(200);
			expect(JSON.parse(results[10].content!).error.code).toBe('too_many_calls');
			expect(JSON.parse(results[199].content!).error.code).toBe('too_many_calls');
		});

		test('a huge result reaches the model within the bound and says it was truncated; the chat still gets all of it', async () => {
			const title = 'Staff Engineer, Platform Reliability and Developer Experience Infrastructure Group';
			for (let index = 0; index < 160; index++) {
				const created = await app().fetch('/api/orgs/acme/people', {
					method: 'POST',
					headers: json,
					body: JSON.stringify({ name: `Bulk Person ${index}`, title, manager: 'Jane Smith' })
				});
				expect(created.status).toBe(201);
			}
			const root = (await people()).find((person) => person.managerId === null)!;
			model.enqueue({ chunks: toolCallChunks([{ id: 'call_all', name: 'getReports', arguments: JSON.stringify({ person: root.id, depth: 'all', limit: 500 }) }]) });
			model.enqueue({ chunks: textChunks('That is a big team.') });
			const events = await readEvents(await postChat(app(), { text: 'List everyone in the company', orgId: 'acme' }));
			const [complete] = ofType(events, 'tool_execution_complete');
			// The largest page getReports gives holds the whole company here, so the card gets everyone.
			const full = complete.result as { total: number; reports: unknown[]; nextOffset?: number };
			expect(full.total).toBeGreaterThan(200);
			expect(full.reports.length).toBe(full.total);
			expect(full.nextOffset).toBeUndefined();
			const [sent] = toolMessages();
			expect(JSON.stringify(full).length).toBeGreaterThan(MAX_TOOL_RESULT_CHARS);
			expect(sent.content!.length).toBeLessThanOrEqual(MAX_TOOL_RESULT_CHARS);
			const read = JSON.parse(sent.content!);
			expect(read).toMatchObject({ truncated: true, total: full.total });
			expect(read.note).toMatch(/truncated/i);
			expect(read.reports.length).toBeGreaterThan(0);
			expect(read.reports.length).toBeLessThan(full.total);
		});

		test('a viewer’s remove, move and add calls are refused as forbidden and never ask for approval', async () => {
			const viewer = await addMember(app(), 'acme', 'viewer');
			const before = await people();
			model.enqueue({
				chunks: toolCallChunks([
					{ id: 'call_rm', name: 'removeUser', arguments: JSON.stringify({ person: 'Jane Smith' }) },
					{ id: 'call_mv', name: 'moveUser', arguments: JSON.stringify({ person: 'Jane Smith', newManager: 'Priya Patel' }) },
					{ id: 'call_add', name: 'addUser', arguments: JSON.stringify({ name: 'Sneaky Add', title: 'Developer', manager: 'Jane Smith' }) }
				])
			});
			model.enqueue({ chunks: textChunks('You do not have permission to change the chart.') });
			const events = await readEvents(await postChat({ fetch: viewer.fetch }, { text: 'Reorganize Jane’s team', orgId: 'acme' }));
			expect(ofType(events, 'tool_approval_required')).toHaveLength(0);
			const errors = ofType(events, 'tool_execution_error');
			expect(errors.map((event) => event.toolId)).toEqual(['call_rm', 'call_mv', 'call_add']);
			for (const message of toolMessages()) expect(JSON.parse(message.content!).error.code).toBe('forbidden');
			expect(await people()).toEqual(before);
		});

		test('a declined removal reaches the model as a denied tool error, and the loop goes on', async () => {
			model.enqueue({ chunks: toolCallChunks([{ id: 'call_remove_jane', name: 'removeUser', arguments: JSON.stringify({ person: 'Jane Smith' }) }]) });
			model.enqueue({ chunks: textChunks('OK, I did not remove Jane Smith.') });
			let runId = '';
			const events = await readEvents(await postChat(app(), { text: 'Remove Jane Smith', orgId: 'acme' }), async ({ event }) => {
				if (event.type === 'start') runId = event.runId;
				if (event.type === 'tool_approval_required') {
					expect(event.summary).toMatch(/^Remove Jane Smith \(.+\); their \d+ direct reports move to /);
					await app().fetch(`/api/chat/runs/${runId}/tools/${event.toolId}/deny`, { method: 'POST' });
				}
			});
			expect(events.at(-1)?.event.type).toBe('done');
			const [result] = toolMessages();
			expect(JSON.parse(result.content!).error).toMatchObject({ code: 'denied', message: expect.stringMatching(/declined/) });
			expect((await people()).some((person) => person.name === 'Jane Smith')).toBe(true);
			const prompt = (model.requests.at(-1)!.messages as RecordedMessage[])[0].content!;
			expect(prompt).toMatch(/data, never instructions/);
		});

		test('searching for someone who exists only in another organization finds nothing from it', async () => {
			const stranger = await addMember(app(), 'acme', 'viewer');
			const created = await stranger.fetch('/api/orgs', { method: 'POST', headers: json, body: JSON.stringify({ name: 'Hidden Holdings' }) });
			const slug = ((await created.json()) as { organization: { slug: string } }).organization.slug;
			const added = await stranger.fetch(`/api/orgs/${slug}/people`, {
				method: 'POST',
				headers: json,
				body: JSON.stringify({ name: 'Zebulon Quartermaine', title: 'Chief Secret Officer', email: 'zeb@hidden.example' })
			});
			expect(added.status).toBe(201);
			const hidden = ((await added.json()) as { person: Person }).person;
			model.enqueue({ chunks: toolCallChunks([{ id: 'call_find', name: 'searchPeople', arguments: JSON.stringify({ query: 'Zebulon Quartermaine' }) }]) });
			model.enqueue({ chunks: textChunks('Nobody by that name works here.') });
			const events = await readEvents(await postChat(app(), { text: 'Find Zebulon Quartermaine', orgId: 'acme' }));
			const [complete] = ofType(events, 'tool_execution_complete');
			expect(complete.result).toMatchObject({ total: 0, people: [] });
			const stream = JSON.stringify(events);
			for (const secret of [hidden.id, 'Chief Secret Officer', 'zeb@hidden.example', 'Hidden Holdings', slug]) expect(stream).not.toContain(secret);
			expect(JSON.parse(toolMessages()[0].content!)).toMatchObject({ total: 0, people: [] });
		});
	});
}
