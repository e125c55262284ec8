/**
 * History and undo on the built server: every change is one operation with its actor and summary,
 * listed newest first; undo reverts one as a new operation or answers 409 naming why not; REST
 * and tool results carry `changeId`; vacancies and dotted lines through REST and the tools.
 */
import { describe, expect, test } from 'vitest';
import type { ChangeSummary, Person } from '../../src/lib/protocol';
import { addMember } from '../helpers/accounts';
import { postChat, readEvents, type ReceivedEvent } from '../helpers/sse';
import { stackTargets, useAppServer } from '../helpers/targets';

type Call = { status: number; body: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

for (const target of stackTargets()) {
	describe(`changes, history and undo (${target.label})`, () => {
		// Removals wait for approval by default; here every change runs at once.
		const app = useAppServer(target, () => ({ TOOL_APPROVAL: 'none', OFFLINE_TOKEN_DELAY_MS: '0' }));

		const call = async (method: string, path: string, body?: unknown, fetcher = app().fetch): Promise<Call> => {
			const response = await fetcher(path, {
				method,
				headers: { 'content-type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body)
			});
			return { status: response.status, body: await response.json() };
		};
		const people = async (): Promise<Person[]> => (await call('GET', '/api/orgs/acme/people')).body.people;
		const byName = async (name: string) => (await people()).find((person) => person.name === name)!;
		const personById = async (id: string) => (await people()).find((person) => person.id === id);
		const history = async (query = ''): Promise<ChangeSummary[]> => {
			const listed = await call('GET', `/api/orgs/acme/changes${query}`);
			expect(listed.status).toBe(200);
			return listed.body.changes;
		};
		const change = async (id: string) => (await history('?limit=200')).find((entry) => entry.id === id)!;
		const undo = (id: string, fetcher = app().fetch) => call('POST', `/api/orgs/acme/changes/${id}/undo`, undefined, fetcher);
		const add = async (fields: Record<string, unknown>) => {
			const created = await call('POST', '/api/orgs/acme/people', { title: 'Engineer', manager: 'Jane Smith', ...fields });
			expect(created.status).toBe(201);
			return created.body as { person: Person; changeId: string };
		};

		test('lists each kind of change, newest first, with its actor and summary, and carries changeId on REST results', async () => {
			const { person: nina, changeId: added } = await add({ name: 'Nina Holm', email: 'nina.holm@acme.test' });
			expect(added).toEqual(expect.any(String));
			const edited = await call('PATCH', `/api/orgs/acme/people/${nina.id}`, { title: 'Staff Engineer' });
			expect(edited).toMatchObject({ status: 200, body: { person: { title: 'Staff Engineer' }, changeId: expect.any(String) } });
			const moved = await call('PATCH', `/api/orgs/acme/people/${nina.id}`, { manager: 'Marcus Johnson' });
			expect(moved.body.changeId).toEqual(expect.any(String));
			const removed = await call('DELETE', `/api/orgs/acme/people/${nina.id}`);
			expect(removed).toMatchObject({ status: 200, body: { removed: { id: nina.id }, changeId: expect.any(String) } });
			const unchanged = await call('PATCH', `/api/orgs/acme/people/${(await byName('Jane Smith')).id}`, { title: 'Engineering Manager' });
			expect(unchanged.body.changeId).toBeNull();

			const listed = await history(`?personId=${nina.id}`);
			expect(listed.map((entry) => entry.id)).toEqual([removed.body.changeId, moved.body.changeId, edited.body.changeId, added]);
			expect(listed.map((entry) => entry.summary)).toEqual([
				'Remove Nina Holm (Staff Engineer)',
				'Move Nina Holm to Marcus Johnson',
				'Edit Nina Holm: title',
				'Add Nina Holm (Engineer) under Jane Smith'
			]);
			for (const entry of listed) {
				expect(entry).toMatchObject({ actor: { kind: 'user', userId: expect.any(String), name: expect.any(String) }, undoneBy: null });
				expect(entry.personIds).toContain(nina.id);
				expect(Date.parse(entry.at)).not.toBeNaN();
			}
		});

		test('filters by person and pages with limit and before (a change id or a time)', async () => {
			const { person: a } = await add({ name: 'Page One' });
			for (const title of ['T1', 'T2', 'T3']) await call('PATCH', `/api/orgs/acme/people/${a.id}`, { title });
			const all = await history(`?personId=${a.id}`);
			expect(all).toHaveLength(4);
			const first = await history(`?personId=${a.id}&limit=2`);
			expect(first.map((entry) => entry.id)).toEqual(all.slice(0, 2).map((entry) => entry.id));
			const next = await history(`?personId=${a.id}&limit=2&before=${first[1].id}`);
			expect(next.map((entry) => entry.id)).toEqual(all.slice(2).map((entry) => entry.id));
			const newest = await history('?limit=1');
			expect(newest).toHaveLength(1);
			expect(await history(`?before=${encodeURIComponent('2000-01-01T00:00:00Z')}`)).toEqual([]);
			expect((await call('GET', '/api/orgs/acme/changes?limit=201')).status).toBe(400);
			expect((await call('GET', '/api/orgs/acme/changes?limit=0')).status).toBe(400);
			expect((await call('GET', '/api/orgs/acme/changes?before=yesterday')).status).toBe(400);
			expect((await call('GET', '/api/orgs/acme/changes?limit=200')).body.changes.length).toBeLessThanOrEqual(200);
		});

		test('undoes an add, an edit and a move, each as a new operation', async () => {
			const { person: ola, changeId: added } = await add({ name: 'Ola Berg' });
			const edited = await call('PATCH', `/api/orgs/acme/people/${ola.id}`, { title: 'Lead', location: 'Oslo' });
			const moved = await call('PATCH', `/api/orgs/acme/people/${ola.id}`, { manager: 'Marcus Johnson' });

			const undoMove = await undo(moved.body.changeId);
			expect(undoMove.status).toBe(201);
			expect(undoMove.body.change).toMatchObject({ summary: 'Undo: Move Ola Berg to Marcus Johnson', undoOf: moved.body.changeId, personIds: [ola.id] });
			expect((await personById(ola.id))!.managerId).toBe((await byName('Jane Smith')).id);
			expect((await change(moved.body.changeId)).undoneBy).toBe(undoMove.body.change.id);

			expect((await undo(edited.body.changeId)).status).toBe(201);
			expect(await personById(ola.id)).toMatchObject({ title: 'Engineer', location: null });

			// One PATCH that edits and moves is one operation with two entries for the same person.
			const both = await call('PATCH', `/api/orgs/acme/people/${ola.id}`, { title: 'Principal', manager: 'Marcus Johnson' });
			expect((await change(both.body.changeId)).summary).toBe('Edit Ola Berg: title; move to Marcus Johnson');
			expect((await undo(both.body.changeId)).status).toBe(201);
			expect(await personById(ola.id)).toMatchObject({ title: 'Engineer', managerId: (await byName('Jane Smith')).id });

			expect((await undo(added)).status).toBe(201);
			expect(await personById(ola.id)).toBeUndefined();
			expect((await history('?limit=1'))[0]).toMatchObject({ summary: 'Undo: Add Ola Berg (Engineer) under Jane Smith', undoOf: added });
		});

		test('undoing a removal with reports brings the person back with the same id, fields, manager and reports', async () => {
			const { person: lead } = await add({ name: 'Liv Dahl', title: 'Team Lead', email: 'liv.dahl@acme.test', location: 'Bergen' });
			const reports = [];
			for (let i = 1; i <= 7; i++) reports.push((await add({ name: `Report ${i} of Liv`, manager: lead.id })).person);
			const { person: dotted } = await add({ name: 'Dotted To Liv', dottedLineManagerIds: [lead.id] });
			const before = await personById(lead.id);

			const removed = await call('DELETE', `/api/orgs/acme/people/${lead.id}`);
			expect(removed.status).toBe(200);
			const operation = await change(removed.body.changeId);
			expect(operation.personIds.sort()).toEqual([lead.id, ...reports.map((report) => report.id), dotted.id].sort());
			expect((await personById(dotted.id))!.dottedLineManagerIds).toEqual([]);

			const undone = await undo(removed.body.changeId);
			expect(undone.status).toBe(201);
			expect(await personById(lead.id)).toEqual(before);
			for (const report of reports) expect((await personById(report.id))!.managerId).toBe(lead.id);
			expect((await personById(dotted.id))!.dottedLineManagerIds).toEqual([lead.id]);
			expect((await undo(removed.body.changeId)).status).toBe(409);
		});

		test('refuses an undo that later changes conflict with, and a second undo, with 409 naming the reason', async () => {
			const { person: x } = await add({ name: 'Xena Conflict' });
			const first = await call('PATCH', `/api/orgs/acme/people/${x.id}`, { title: 'First' });
			const second = await call('PATCH', `/api/orgs/acme/people/${x.id}`, { title: 'Second' });
			const refused = await undo(first.body.changeId);
			expect(refused).toMatchObject({ status: 409, body: { error: { code: 'conflict', message: expect.stringContaining('Xena Conflict') } } });
			expect(refused.body.error.message).toContain('Edit Xena Conflict: title');
			expect((await personById(x.id))!.title).toBe('Second');

			// Once the later change is undone, the earlier one may go too.
			expect((await undo(second.body.changeId)).status).toBe(201);
			expect((await undo(first.body.changeId)).status).toBe(201);
			expect((await personById(x.id))!.title).toBe('Engineer');
			const again = await undo(first.body.changeId);
			expect(again).toMatchObject({ status: 409, body: { error: { code: 'conflict', message: expect.stringContaining('already been undone') } } });

			// An add cannot be undone while someone reports to the added person.
			const { person: boss, changeId: bossAdded } = await add({ name: 'Boss Of One' });
			await add({ name: 'Under Boss', manager: boss.id });
			expect((await undo(bossAdded)).status).toBe(409);
			expect((await call('POST', '/api/orgs/acme/changes/00000000-0000-4000-8000-000000000000/undo')).status).toBe(404);
		});

		test('a viewer can list the history but not undo', async () => {
			const viewer = await addMember(app(), 'acme', 'viewer');
			const { changeId } = await add({ name: 'Viewer Watch' });
			const listed = await call('GET', '/api/orgs/acme/changes', undefined, viewer.fetch);
			expect(listed.status).toBe(200);
			expect(listed.body.changes.some((entry: ChangeSummary) => entry.id === changeId)).toBe(true);
			expect((await undo(changeId, viewer.fetch)).status).toBe(403);
			expect((await change(changeId)).undoneBy).toBeNull();
		});

		test('the assistant: tool results carry changeId, the history names the conversation, and "undo that" reverts it', async () => {
			const events = await readEvents(await postChat(app(), { text: 'Add Pia Lund as a developer under Jane Smith', orgId: 'acme' }));
			const start = events.find(({ event }) => event.type === 'start')!.event as Extract<ReceivedEvent['event'], { type: 'start' }>;
			const complete = events.find(({ event }) => event.type === 'tool_execution_complete')!.event as Extract<
				ReceivedEvent['event'],
				{ type: 'tool_execution_complete' }
			>;
			const result = complete.result as { person: Person; changeId: string };
			expect(result.changeId).toEqual(expect.any(String));
			expect(await personById(result.person.id)).toBeDefined();
			expect(await change(result.changeId)).toMatchObject({
				actor: { kind: 'assistant', conversationId: start.conversationId, runId: start.runId },
				summary: expect.stringContaining('Pia Lund')
			});

			const undoEvents = await readEvents(await postChat(app(), { text: 'undo that', orgId: 'acme', conversationId: start.conversationId }));
			const undoCall = undoEvents.find(({ event }) => event.type === 'tool_call')!.event as Extract<ReceivedEvent['event'], { type: 'tool_call' }>;
			expect(undoCall.toolCall.function.name).toBe('undoChange');
			const undoResult = undoEvents.find(({ event }) => event.type === 'tool_execution_complete')!.event as Extract<
				ReceivedEvent['event'],
				{ type: 'tool_execution_complete' }
			>;
			expect(undoResult.result).toMatchObject({ changeId: expect.any(String), undone: { id: result.changeId } });
			expect(await personById(result.person.id)).toBeUndefined();
			expect((await change(result.changeId)).undoneBy).toEqual((undoResult.result as { changeId: string }).changeId);
		});

		test('vacancies and dotted lines through REST, with their rules', async () => {
			const open = await call('POST', '/api/orgs/acme/people', { title: 'Senior Engineer', vacancy: true, manager: 'Jane Smith' });
			expect(open).toMatchObject({ status: 201, body: { person: { name: 'Open role', title: 'Senior Engineer', vacancy: true, dottedLineManagerIds: [] } } });
			expect((await call('POST', '/api/orgs/acme/people', { title: 'Nameless', manager: 'Jane Smith' })).status).toBe(400);

			const marcus = await byName('Marcus Johnson');
			const raj = await byName('Raj Mehta');
			const jane = await byName('Jane Smith');
			const linked = await call('PATCH', `/api/orgs/acme/people/${raj.id}`, { dottedLineManagerIds: [jane.id] });
			expect(linked).toMatchObject({ status: 200, body: { person: { dottedLineManagerIds: [jane.id] }, changeId: expect.any(String) } });
			expect((await call('GET', `/api/orgs/acme/people/${raj.id}`)).body.person.dottedLineManagerIds).toEqual([jane.id]);

			const others = (await people()).filter((person) => person.id !== raj.id).slice(0, 4).map((person) => person.id);
			expect((await call('PATCH', `/api/orgs/acme/people/${raj.id}`, { dottedLineManagerIds: others })).status).toBe(400);
			expect((await call('PATCH', `/api/orgs/acme/people/${raj.id}`, { dottedLineManagerIds: [raj.id] })).status).toBe(400);
			expect((await call('PATCH', `/api/orgs/acme/people/${raj.id}`, { dottedLineManagerIds: [jane.id, jane.id] })).status).toBe(400);

			const other = await call('POST', '/api/orgs', { name: 'Elsewhere Inc', slug: `elsewhere-${Date.now()}` });
			expect(other.status).toBe(201);
			const outsider = await call('POST', `/api/orgs/${other.body.organization.slug}/people`, { name: 'Far Away', title: 'CEO' });
			const crossOrg = await call('PATCH', `/api/orgs/acme/people/${raj.id}`, { dottedLineManagerIds: [outsider.body.person.id] });
			expect([404, 409]).toContain(crossOrg.status);
			expect((await call('PATCH', `/api/orgs/acme/people/${raj.id}`, { dottedLineManagerIds: ['Nobody Atall'] })).status).toBe(404);
			expect((await personById(raj.id))!.dottedLineManagerIds).toEqual([jane.id]);

			expect((await call('PATCH', `/api/orgs/acme/people/${raj.id}`, { dottedLineManagerIds: ['Jane Smith', marcus.id] })).body.person.dottedLineManagerIds).toEqual([
				jane.id,
				marcus.id
			]);
			const filled = await call('PATCH', `/api/orgs/acme/people/${open.body.person.id}`, { vacancy: false, name: 'Sam Filled' });
			expect(filled.body.person).toMatchObject({ name: 'Sam Filled', vacancy: false });
		});

		test('vacancies and dotted lines through the assistant tools, and the stats count open roles apart', async () => {
			const statsBefore = await toolResult('How many people are in the org?', 'getOrgStats');
			const events = await readEvents(await postChat(app(), { text: 'Add Quinn Open as a developer under Jane Smith', orgId: 'acme' }));
			const added = completeOf(events).result as { person: Person; changeId: string };
			expect(added.changeId).toEqual(expect.any(String));
			const opened = await call('PATCH', `/api/orgs/acme/people/${added.person.id}`, { vacancy: true });
			expect(opened.body.person).toMatchObject({ vacancy: true, name: 'Open role' });
			const statsAfter = await toolResult('How many people are in the org?', 'getOrgStats');
			expect(statsAfter.vacancies).toBe((statsBefore.vacancies as number) + 1);
			expect(statsAfter.headcount).toBe(statsBefore.headcount);
		});

		const completeOf = (events: ReceivedEvent[]) =>
			events.find(({ event }) => event.type === 'tool_execution_complete')!.event as Extract<ReceivedEvent['event'], { type: 'tool_execution_complete' }>;
		async function toolResult(text: string, tool: string): Promise<Record<string, unknown>> {
			const events = await readEvents(await postChat(app(), { text, orgId: 'acme' }));
			const callEvent = events.find(({ event }) => event.type === 'tool_call')!.event as Extract<ReceivedEvent['event'], { type: 'tool_call' }>;
			expect(callEvent.toolCall.function.name).toBe(tool);
			return completeOf(events).result as Record<string, unknown>;
		}
	});
}
