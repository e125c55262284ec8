/** Every tool through the registry's one door, with raw JSON arguments as a model sends them. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db';
import { listAuditEntries } from '../../src/lib/server/db/audit';
import { getPerson, listPeople } from '../../src/lib/server/db/people';
import { executeTool, mutatingToolNames, toolDefinitions, toolsForModel } from '../../src/lib/server/tools';
import type { ToolOutcome } from '../../src/lib/server/tools/types';
import { testDatabaseTargets } from '../helpers/database';
import { createFixtureOrg, smallCompany, type FixtureOrg } from './people-fixtures';

const EXPECTED_TOOLS = [
	'getUserInformation',
	'searchPeople',
	'getReports',
	'getChainOfCommand',
	'getOrgStats',
	'addUser',
	'updateUser',
	'moveUser',
	'removeUser',
	'undoChange'
];

describe('the tool registry', () => {
	it('offers exactly the ten tools, as OpenAI function definitions', () => {
		expect(toolDefinitions.map((tool) => tool.name).sort()).toEqual([...EXPECTED_TOOLS].sort());
		for (const tool of toolsForModel()) {
			expect(tool.type).toBe('function');
			if (tool.type !== 'function') continue;
			expect(tool.function.description?.length).toBeGreaterThan(20);
			expect(tool.function.parameters).toMatchObject({ type: 'object', properties: expect.any(Object), required: expect.any(Array) });
			expect(tool.function.parameters).not.toHaveProperty('$schema');
			const propertyNames = Object.keys((tool.function.parameters?.properties ?? {}) as object);
			expect(propertyNames.filter((key) => /org/i.test(key))).toEqual([]);
		}
		expect([...mutatingToolNames].sort()).toEqual(['addUser', 'moveUser', 'removeUser', 'undoChange', 'updateUser']);
	});

	it('documents the argument names clients rely on', () => {
		const parameters = Object.fromEntries(
			toolsForModel().flatMap((tool) => (tool.type === 'function' ? [[tool.function.name, tool.function.parameters]] : []))
		);
		expect(Object.keys(parameters.addUser?.properties as object).sort()).toEqual(['department', 'dottedLineManagerIds', 'email', 'location', 'manager', 'name', 'title', 'vacancy']);
		expect(parameters.addUser?.required).toEqual(['name', 'title']);
		expect(Object.keys(parameters.moveUser?.properties as object).sort()).toEqual(['newManager', 'person']);
		expect(Object.keys(parameters.removeUser?.properties as object).sort()).toEqual(['person', 'reassignReportsTo']);
		expect(Object.keys(parameters.getReports?.properties as object).sort()).toEqual(['depth', 'limit', 'offset', 'person']);
		expect(Object.keys(parameters.searchPeople?.properties as object).sort()).toEqual(['limit', 'query']);
		expect(Object.keys(parameters.updateUser?.properties as object).sort()).toEqual(['changes', 'person']);
		expect(parameters.getOrgStats).toEqual({ type: 'object', properties: {}, required: [] });
		expect(Object.keys(parameters.undoChange?.properties as object)).toEqual(['changeId']);
		expect(parameters.undoChange?.required).toEqual([]);
	});
});

describe.each(testDatabaseTargets())('tools on $label', (target) => {
	let handle: DatabaseHandle;
	beforeAll(async () => {
		handle = await target.open();
	});
	afterAll(async () => {
		await handle?.close();
	});

	const company = () => createFixtureOrg(handle.db, smallCompany, { actor: { kind: 'assistant', role: 'owner', runId: crypto.randomUUID() } });
	const run = (fixture: FixtureOrg, name: string, args: unknown) =>
		executeTool(fixture.ctx, name, typeof args === 'string' ? args : JSON.stringify(args));
	const ok = <T>(outcome: ToolOutcome<T>) => {
		if (!outcome.ok) throw new Error(`expected success, got ${outcome.error.code}: ${outcome.error.message}`);
		return outcome;
	};
	const failed = (outcome: ToolOutcome<unknown>) => {
		if (outcome.ok) throw new Error('expected a failure');
		return outcome.error;
	};

	it('getUserInformation returns the profile, manager and direct reports', async () => {
		const fixture = await company();
		const { result, touched } = ok(await run(fixture, 'getUserInformation', { person: 'jane' }));
		expect(result).toMatchObject({
			person: {
				name: 'Jane Smith',
				title: 'Engineering Manager',
				email: 'jane@example.com',
				manager: { name: 'Carl Tech', title: 'CTO' },
				directReports: [{ name: 'Eve Coder' }, { name: 'José García' }]
			}
		});
		expect(touched).toEqual([fixture.ids['Jane Smith']]);
	});

	it('searchPeople finds by title and honours the limit while counting every match', async () => {
		const fixture = await company();
		const { result, touched } = ok(await run(fixture, 'searchPeople', { query: 'software engineer', limit: 1 }));
		expect(result).toMatchObject({ query: 'software engineer', total: 2 });
		expect((result as { people: unknown[] }).people).toHaveLength(1);
		expect(touched).toHaveLength(1);
	});

	it('addUser adds under a manager named loosely, inherits the department, and audits as the assistant', async () => {
		const fixture = await company();
		const { result, touched } = ok(await run(fixture, 'addUser', { name: 'John Doe', title: 'Developer', manager: 'Jane Smith' }));
		const added = (result as { person: { id: string; department: string; managerId: string } }).person;
		expect(added).toMatchObject({ department: 'Engineering', managerId: fixture.ids['Jane Smith'] });
		expect(result).toMatchObject({ manager: { name: 'Jane Smith' } });
		expect(touched).toEqual([added.id, fixture.ids['Jane Smith']]);
		const [entry] = await listAuditEntries(handle.db, fixture.orgId);
		expect(entry).toMatchObject({ action: 'create', actorKind: 'assistant', runId: fixture.ctx.actor.runId });
	});

	it('addUser names the people who already have the same name', async () => {
		const fixture = await company();
		const first = ok(await run(fixture, 'addUser', { name: 'Sam Lee', title: 'Developer', manager: 'Jane Smith' }));
		expect(first.result).not.toHaveProperty('namesakes');
		const second = ok(await run(fixture, 'addUser', { name: 'sam lee', title: 'Designer', manager: 'Jane Smith' }));
		const firstId = (first.result as { person: { id: string } }).person.id;
		expect(second.result).toMatchObject({ namesakes: [{ id: firstId, name: 'Sam Lee', title: 'Developer' }] });
	});

	it('addUser without a manager in a populated organization is refused as data', async () => {
		const fixture = await company();
		const error = failed(await run(fixture, 'addUser', { name: 'John Doe', title: 'Developer' }));
		expect(error.code).toBe('multiple_roots');
		expect(await listPeople(handle.db, fixture.orgId)).toHaveLength(smallCompany.length);
	});

	it('ignores an organization passed in the arguments: the org comes from the context only', async () => {
		const fixture = await company();
		const other = await company();
		ok(await run(fixture, 'addUser', { name: 'John Doe', title: 'Developer', manager: 'Jane', orgId: other.orgId, organizationId: other.orgId }));
		expect((await listPeople(handle.db, fixture.orgId)).map((person) => person.name)).toContain('John Doe');
		expect((await listPeople(handle.db, other.orgId)).map((person) => person.name)).not.toContain('John Doe');
	});

	it('updateUser edits fields and reports what changed', async () => {
		const fixture = await company();
		const { result } = ok(await run(fixture, 'updateUser', { person: 'Eve', changes: { title: 'Senior Software Engineer' } }));
		expect(result).toMatchObject({ person: { title: 'Senior Software Engineer' }, before: { title: 'Software Engineer' }, changed: ['title'] });
		const error = failed(await run(fixture, 'updateUser', { person: 'Eve', changes: {} }));
		expect(error).toMatchObject({ code: 'invalid_arguments' });
		expect(error.message).toContain('at least one field');
	});

	it('moveUser moves and touches the person and both managers; a cycle comes back as an error result', async () => {
		const fixture = await company();
		const { result, touched } = ok(await run(fixture, 'moveUser', { person: 'Eve Coder', newManager: 'Fiona' }));
		expect(result).toMatchObject({ oldManager: { name: 'Jane Smith' }, newManager: { name: 'Fiona Money' } });
		expect(new Set(touched)).toEqual(new Set([fixture.ids['Eve Coder'], fixture.ids['Jane Smith'], fixture.ids['Fiona Money']]));
		expect(failed(await run(fixture, 'moveUser', { person: 'Carl Tech', newManager: 'José' })).code).toBe('cycle');
	});

	it('removeUser removes and reports who took over', async () => {
		const fixture = await company();
		const { result } = ok(await run(fixture, 'removeUser', { person: 'Jane Smith', reassignReportsTo: 'Fiona Money' }));
		expect(result).toMatchObject({ removed: { name: 'Jane Smith' }, reassignedTo: { name: 'Fiona Money' } });
		expect(await getPerson(handle.db, fixture.orgId, fixture.ids['Jane Smith'])).toBeUndefined();
	});

	it('getReports lists direct reports, or the whole team with levels', async () => {
		const fixture = await company();
		const direct = ok(await run(fixture, 'getReports', { person: 'Carl' })).result as { total: number; depth: string };
		expect(direct).toMatchObject({ depth: 'direct', total: 1, reports: [{ name: 'Jane Smith', level: 1 }] });
		const all = ok(await run(fixture, 'getReports', { person: 'Carl', depth: 'all' })).result;
		expect(all).toMatchObject({
			depth: 'all',
			total: 3,
			reports: [
				{ name: 'Jane Smith', level: 1, managerId: fixture.ids['Carl Tech'] },
				{ name: 'Eve Coder', level: 2, managerId: fixture.ids['Jane Smith'] },
				{ name: 'José García', level: 2 }
			]
		});
	});

	it('getChainOfCommand lists managers up to the root', async () => {
		const fixture = await company();
		const { result } = ok(await run(fixture, 'getChainOfCommand', { person: 'jose garcia' }));
		expect((result as { chain: { name: string }[] }).chain.map((manager) => manager.name)).toEqual(['Jane Smith', 'Carl Tech', 'Ada Root']);
	});

	it('getOrgStats summarizes headcount, departments, depth and spans', async () => {
		const fixture = await company();
		const { result } = ok(await run(fixture, 'getOrgStats', ''));
		expect(result).toMatchObject({
			headcount: 6,
			vacancies: 0,
			departments: [
				{ name: 'Engineering', count: 4 },
				{ name: 'Executive', count: 1 },
				{ name: 'Finance', count: 1 }
			],
			depth: 4,
			managers: 3,
			averageSpan: 1.7,
			widestSpan: { person: { name: 'Ada Root' }, reports: 2 },
			roots: [{ name: 'Ada Root' }]
		});
	});

	it('getOrgStats counts again after every change: an add, a move, a removal and an undo', async () => {
		const fixture = await company();
		const stats = async () => ok(await run(fixture, 'getOrgStats', {})).result as { headcount: number; depth: number; managers: number };
		expect(await stats()).toMatchObject({ headcount: 6, depth: 4, managers: 3 });
		const added = ok(await run(fixture, 'addUser', { name: 'Newt Hire', title: 'Engineer', manager: 'Jose Garcia' })).result as { changeId: string };
		expect(await stats()).toMatchObject({ headcount: 7, depth: 5, managers: 4 });
		ok(await run(fixture, 'moveUser', { person: 'Newt Hire', newManager: 'Ada Root' }));
		expect(await stats()).toMatchObject({ headcount: 7, depth: 4, managers: 3 });
		const removed = ok(await run(fixture, 'removeUser', { person: 'Newt Hire' })).result as { changeId: string };
		expect(await stats()).toMatchObject({ headcount: 6 });
		ok(await run(fixture, 'undoChange', { changeId: removed.changeId }));
		expect(await stats()).toMatchObject({ headcount: 7 });
		expect(added.changeId).toBeTruthy();
	});

	it('returns ambiguity with candidates, and unknown people as not found', async () => {
		const fixture = await createFixtureOrg(handle.db, [
			{ name: 'Boss', title: 'CEO' },
			{ name: 'Daniel Park', title: 'Account Executive', manager: 'Boss' },
			{ name: 'Daniel Weber', title: 'DevOps Engineer', manager: 'Boss' }
		]);
		const ambiguous = failed(await run(fixture, 'getUserInformation', { person: 'daniel' }));
		expect(ambiguous.code).toBe('ambiguous');
		expect(ambiguous.candidates?.map((candidate) => candidate.name)).toEqual(['Daniel Park', 'Daniel Weber']);
		expect(ambiguous.message).toContain('Daniel Park (Account Executive)');
		const missing = failed(await run(fixture, 'getChainOfCommand', { person: 'Zed' }));
		expect(missing.code).toBe('not_found');
	});

	it('answers bad JSON, invalid arguments and unknown tools with invalid_arguments', async () => {
		const fixture = await company();
		const badJson = failed(await run(fixture, 'getUserInformation', '{"person": "Jane"'));
		expect(badJson).toMatchObject({ code: 'invalid_arguments' });
		expect(badJson.message).toContain('not valid JSON');
		const missing = failed(await run(fixture, 'moveUser', { person: 'Jane' }));
		expect(missing.code).toBe('invalid_arguments');
		expect(missing.message).toContain('newManager');
		const wrongType = failed(await run(fixture, 'getReports', { person: 'Jane', depth: 'everyone' }));
		expect(wrongType.message).toContain('depth');
		const unknown = failed(await run(fixture, 'fireEveryone', {}));
		expect(unknown).toMatchObject({ code: 'invalid_arguments' });
		expect(unknown.message).toContain('Unknown tool fireEveryone');
	});

	it('addUser and updateUser take vacancies and dotted lines (by name or id), with their rules', async () => {
		const fixture = await company();
		const open = ok(await run(fixture, 'addUser', { name: '', title: 'Senior Engineer', manager: 'Jane', vacancy: true }));
		expect(open.result).toMatchObject({ person: { name: 'Open role', title: 'Senior Engineer', vacancy: true }, changeId: expect.any(String) });
		expect(failed(await run(fixture, 'addUser', { name: '', title: 'Engineer', manager: 'Jane' })).code).toBe('invalid_arguments');

		const dotted = ok(await run(fixture, 'updateUser', { person: 'Eve Coder', changes: { dottedLineManagerIds: ['Fiona Money', fixture.ids['Carl Tech']] } }));
		expect(dotted.result).toMatchObject({
			person: { dottedLineManagerIds: [fixture.ids['Fiona Money'], fixture.ids['Carl Tech']] },
			changed: ['dottedLineManagerIds'],
			changeId: expect.any(String)
		});
		const four = ['Ada Root', 'Carl Tech', 'Fiona Money', 'Jane Smith'];
		expect(failed(await run(fixture, 'updateUser', { person: 'Eve Coder', changes: { dottedLineManagerIds: four } })).code).toBe('invalid_arguments');
		expect(failed(await run(fixture, 'updateUser', { person: 'Eve Coder', changes: { dottedLineManagerIds: ['Eve Coder'] } })).code).toBe('invalid_arguments');
		const elsewhere = await createFixtureOrg(handle.db, [{ name: 'Other Boss', title: 'CEO' }]);
		const crossOrg = failed(await run(fixture, 'updateUser', { person: 'Eve Coder', changes: { dottedLineManagerIds: [elsewhere.ids['Other Boss']] } }));
		expect(crossOrg.code).toBe('cross_org');
		const dotTed = ok(await run(fixture, 'addUser', { name: 'Dot Ted', title: 'Engineer', manager: 'Jane', dottedLineManagerIds: ['Carl'] })).result as { person: { dottedLineManagerIds: string[] } };
		expect(dotTed.person.dottedLineManagerIds).toEqual([
			fixture.ids['Carl Tech']
		]);

		const stats = ok(await run(fixture, 'getOrgStats', {})).result as { headcount: number; vacancies: number };
		expect(stats).toMatchObject({ headcount: 7, vacancies: 1 });

		// Removing a dotted-line manager drops the line in the same operation; undoing brings both back.
		const removed = ok(await run(fixture, 'removeUser', { person: 'Fiona Money' })).result as { changeId: string };
		expect((ok(await run(fixture, 'getUserInformation', { person: 'Eve Coder' })).result as { person: { dottedLineManagerIds: string[] } }).person.dottedLineManagerIds).toEqual([
			fixture.ids['Carl Tech']
		]);
		const undone = ok(await run(fixture, 'undoChange', { changeId: removed.changeId }));
		expect(undone.result).toMatchObject({ undone: { id: removed.changeId }, change: { undoOf: removed.changeId }, changeId: expect.any(String) });
		expect((ok(await run(fixture, 'getUserInformation', { person: 'Eve Coder' })).result as { person: { dottedLineManagerIds: string[] } }).person.dottedLineManagerIds).toEqual([
			fixture.ids['Fiona Money'],
			fixture.ids['Carl Tech']
		]);
		expect(failed(await run(fixture, 'undoChange', { changeId: removed.changeId })).code).toBe('conflict');
	});

	it('undoChange without an id reverts the latest change of the conversation that is not undone', async () => {
		const conversationId = crypto.randomUUID();
		const fixture = await createFixtureOrg(handle.db, smallCompany, {
			actor: { kind: 'assistant', role: 'editor', runId: crypto.randomUUID(), conversationId }
		});
		expect(failed(await run(fixture, 'undoChange', {})).code).toBe('not_found');
		const first = ok(await run(fixture, 'addUser', { name: 'First Added', title: 'Engineer', manager: 'Jane' })).result as { person: { id: string } };
		const second = ok(await run(fixture, 'moveUser', { person: 'Eve Coder', newManager: 'Carl Tech' })).result as { changeId: string };
		const undone = ok(await run(fixture, 'undoChange', {}));
		expect(undone.result).toMatchObject({ undone: { id: second.changeId } });
		ok(await run(fixture, 'undoChange', ''));
		expect(failed(await run(fixture, 'getUserInformation', { person: first.person.id })).code).toBe('not_found');
		const viewer = { ...fixture.ctx, actor: { ...fixture.ctx.actor, role: 'viewer' as const } };
		expect(failed(await executeTool(viewer, 'undoChange', '{}')).code).toBe('forbidden');
	});

	it('turns an unexpected failure into an internal error without leaking SQL', async () => {
		const fixture = await company();
		const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
		try {
			// Not a UUID: the database itself rejects the query.
			const broken = { ...fixture, ctx: { ...fixture.ctx, orgId: 'not-a-uuid' } };
			const error = failed(await run(broken, 'searchPeople', { query: 'jane' }));
			expect(error).toEqual({ code: 'internal', message: 'The tool failed unexpectedly.' });
			expect(logged).toHaveBeenCalled();
		} finally {
			logged.mockRestore();
		}
	});
});
