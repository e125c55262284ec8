/** The rules for changing people, on a real database: each refusal names the problem and writes nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db';
import { listAuditEntries } from '../../src/lib/server/db/audit';
import { getPerson, insertPerson, listPeople } from '../../src/lib/server/db/people';
import { AppError } from '../../src/lib/server/errors';
import { EMAIL_INDEX, isUniqueViolation } from '../../src/lib/server/org/org-transaction';
import {
	createPerson,
	editPerson,
	movePerson,
	removePerson,
	updatePerson
} from '../../src/lib/server/org/people-service';
import { testDatabaseTargets } from '../helpers/database';
import { createFixtureOrg, smallCompany, type FixtureOrg } from './people-fixtures';

/** The AppError code a promise rejects with. */
async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
	try {
		await promise;
	} catch (error) {
		if (error instanceof AppError) return { code: error.code, message: error.message };
		throw error;
	}
	throw new Error('expected a refusal');
}

describe.each(testDatabaseTargets())('people rules on $label', (target) => {
	let handle: DatabaseHandle;
	beforeAll(async () => {
		handle = await target.open();
	});
	afterAll(async () => {
		await handle?.close();
	});

	const company = () => createFixtureOrg(handle.db, smallCompany);
	const snapshot = async (fixture: FixtureOrg) => ({
		people: await listPeople(handle.db, fixture.orgId),
		audit: await listAuditEntries(handle.db, fixture.orgId)
	});

	describe('createPerson', () => {
		it('adds a person under a manager named loosely, taking the manager’s department, and audits it', async () => {
			const fixture = await createFixtureOrg(handle.db, smallCompany, { actor: { kind: 'assistant', role: 'owner', runId: crypto.randomUUID() } });
			const { person, manager } = await createPerson(fixture.ctx, { name: '  John Doe ', title: 'Developer', manager: 'jane' });
			expect(person).toMatchObject({ name: 'John Doe', title: 'Developer', managerId: fixture.ids['Jane Smith'], department: 'Engineering' });
			expect(manager?.name).toBe('Jane Smith');
			const audit = await listAuditEntries(handle.db, fixture.orgId);
			expect(audit).toHaveLength(1);
			expect(audit[0]).toMatchObject({ action: 'create', personId: person.id, actorKind: 'assistant', before: null });
			expect(audit[0].runId).toBe(fixture.ctx.actor.runId);
			expect(audit[0].after).toMatchObject({ name: 'John Doe', managerId: fixture.ids['Jane Smith'] });
		});

		it('refuses a second person at the top unless the organization allows several', async () => {
			const fixture = await company();
			const before = await snapshot(fixture);
			const refused = await refusal(createPerson(fixture.ctx, { name: 'New Boss', title: 'CEO' }));
			expect(refused.code).toBe('multiple_roots');
			expect(refused.message).toContain('Ada Root');
			expect(await snapshot(fixture)).toEqual(before);

			const holding = await createFixtureOrg(handle.db, smallCompany, { allowMultipleRoots: true });
			const { person } = await createPerson(holding.ctx, { name: 'Co Chief', title: 'Co-CEO' });
			expect(person.managerId).toBeNull();
		});

		it('lets the first person of an empty organization be its root', async () => {
			const fixture = await createFixtureOrg(handle.db, []);
			const { person } = await createPerson(fixture.ctx, { name: 'First One', title: 'Founder' });
			expect(person.managerId).toBeNull();
		});

		it('refuses an email already used in the organization, whatever its case', async () => {
			const fixture = await company();
			const refused = await refusal(createPerson(fixture.ctx, { name: 'Jane Two', title: 'Engineer', manager: 'Carl Tech', email: 'JANE@Example.com' }));
			expect(refused).toMatchObject({ code: 'duplicate_email' });
			expect(refused.message).toContain('Jane Smith');
			// Another organization may use the same address.
			const other = await company();
			await expect(createPerson(other.ctx, { name: 'Jane Two', title: 'Engineer', manager: 'Carl Tech', email: 'jane2@example.com' })).resolves.toBeTruthy();
		});

		it('refuses a manager from another organization', async () => {
			const fixture = await company();
			const other = await company();
			const refused = await refusal(createPerson(fixture.ctx, { name: 'Spy', title: 'Engineer', manager: other.ids['Jane Smith'] }));
			expect(refused.code).toBe('cross_org');
			expect((await snapshot(fixture)).people).toHaveLength(smallCompany.length);
		});

		it('validates names, titles and emails before writing anything', async () => {
			const fixture = await company();
			expect((await refusal(createPerson(fixture.ctx, { name: '   ', title: 'Engineer', manager: 'Jane' }))).code).toBe('invalid_arguments');
			expect((await refusal(createPerson(fixture.ctx, { name: 'X', title: '', manager: 'Jane' }))).code).toBe('invalid_arguments');
			const badEmail = await refusal(createPerson(fixture.ctx, { name: 'X', title: 'Y', manager: 'Jane', email: 'not-an-email' }));
			expect(badEmail).toMatchObject({ code: 'invalid_arguments' });
			expect(badEmail.message).toContain('email');
			expect((await refusal(createPerson(fixture.ctx, { name: 'x'.repeat(121), title: 'Y', manager: 'Jane' }))).code).toBe('invalid_arguments');
			expect((await snapshot(fixture)).audit).toHaveLength(0);
		});

		it('returns the candidates when the manager’s name is ambiguous', async () => {
			const fixture = await createFixtureOrg(handle.db, [
				{ name: 'Boss', title: 'CEO' },
				{ name: 'Daniel Park', title: 'Account Executive', manager: 'Boss' },
				{ name: 'Daniel Weber', title: 'DevOps Engineer', manager: 'Boss' }
			]);
			try {
				await createPerson(fixture.ctx, { name: 'New Hire', title: 'Engineer', manager: 'Daniel' });
				expect.unreachable();
			} catch (error) {
				expect(error).toBeInstanceOf(AppError);
				expect((error as AppError).code).toBe('ambiguous');
				expect((error as AppError).details?.candidates).toEqual([
					{ id: fixture.ids['Daniel Park'], name: 'Daniel Park', title: 'Account Executive' },
					{ id: fixture.ids['Daniel Weber'], name: 'Daniel Weber', title: 'DevOps Engineer' }
				]);
			}
		});
	});

	describe('movePerson', () => {
		it('moves a person, keeping their reports, and audits before and after', async () => {
			const fixture = await company();
			const { person, oldManager, newManager } = await movePerson(fixture.ctx, 'Jane Smith', 'Fiona');
			expect(person.managerId).toBe(fixture.ids['Fiona Money']);
			expect(oldManager?.name).toBe('Carl Tech');
			expect(newManager?.name).toBe('Fiona Money');
			const eve = await getPerson(handle.db, fixture.orgId, fixture.ids['Eve Coder']);
			expect(eve?.managerId).toBe(fixture.ids['Jane Smith']);
			const [entry] = await listAuditEntries(handle.db, fixture.orgId);
			expect(entry).toMatchObject({ action: 'move', personId: fixture.ids['Jane Smith'], actorKind: 'api' });
			expect(entry.before).toMatchObject({ managerId: fixture.ids['Carl Tech'] });
			expect(entry.after).toMatchObject({ managerId: fixture.ids['Fiona Money'] });
		});

		it('refuses to put someone under one of their own reports, naming the path', async () => {
			const fixture = await company();
			const before = await snapshot(fixture);
			const refused = await refusal(movePerson(fixture.ctx, 'Carl Tech', 'Eve Coder'));
			expect(refused.code).toBe('cycle');
			expect(refused.message).toContain('Eve Coder → Jane Smith → Carl Tech');
			expect(await snapshot(fixture)).toEqual(before);
		});

		it('refuses to make someone their own manager', async () => {
			const fixture = await company();
			expect((await refusal(movePerson(fixture.ctx, 'Jane', 'jane smith'))).code).toBe('cycle');
		});

		it('refuses a manager from another organization', async () => {
			const fixture = await company();
			const other = await company();
			expect((await refusal(movePerson(fixture.ctx, 'Eve Coder', other.ids['Carl Tech']))).code).toBe('cross_org');
		});

		it('refuses to make a second root', async () => {
			const fixture = await company();
			expect((await refusal(movePerson(fixture.ctx, 'Eve Coder', null))).code).toBe('multiple_roots');
		});

		it('never lets two concurrent moves create a cycle', async () => {
			// Each move is fine alone; together they would make Carl and Fiona manage each other.
			// Many pairs at once, so that without the lock some pair would interleave its checks.
			const fixtures = await Promise.all(Array.from({ length: 12 }, () => company()));
			const outcomes = await Promise.all(
				fixtures.map(async (fixture) => {
					const results = await Promise.allSettled([
						movePerson(fixture.ctx, 'Carl Tech', 'Fiona Money'),
						movePerson(fixture.ctx, 'Fiona Money', 'Carl Tech')
					]);
					return results
						.map((result) => (result.status === 'fulfilled' ? 'ok' : (result.reason as AppError).code))
						.sort()
						.join(',');
				})
			);
			expect(new Set(outcomes)).toEqual(new Set(['cycle,ok']));
		});
	});

	describe('updatePerson', () => {
		it('changes only the fields that differ and audits them', async () => {
			const fixture = await company();
			const { person, before, changed } = await updatePerson(fixture.ctx, 'jane', {
				title: 'Senior Engineering Manager',
				department: 'Engineering',
				location: ' Berlin '
			});
			expect(changed.sort()).toEqual(['location', 'title']);
			expect(person).toMatchObject({ title: 'Senior Engineering Manager', location: 'Berlin' });
			expect(before.title).toBe('Engineering Manager');
			const [entry] = await listAuditEntries(handle.db, fixture.orgId);
			expect(entry).toMatchObject({ action: 'update', before: { title: 'Engineering Manager' }, after: { title: 'Senior Engineering Manager' } });
		});

		it('writes nothing when nothing changes', async () => {
			const fixture = await company();
			const { changed } = await updatePerson(fixture.ctx, 'Jane Smith', { title: 'Engineering Manager' });
			expect(changed).toEqual([]);
			expect(await listAuditEntries(handle.db, fixture.orgId)).toHaveLength(0);
		});

		it('clears a field set to an empty string', async () => {
			const fixture = await company();
			const { person } = await updatePerson(fixture.ctx, 'Jane Smith', { email: '' });
			expect(person.email).toBeNull();
		});

		it('refuses another person’s email case-insensitively but accepts one’s own in a new case', async () => {
			const fixture = await company();
			expect((await refusal(updatePerson(fixture.ctx, 'Eve Coder', { email: 'Carl@EXAMPLE.com' }))).code).toBe('duplicate_email');
			const { person } = await updatePerson(fixture.ctx, 'Carl Tech', { email: 'CARL@example.com' });
			expect(person.email).toBe('CARL@example.com');
		});

		it('rolls back field edits when the manager change in the same edit is refused', async () => {
			const fixture = await company();
			const before = await snapshot(fixture);
			const refused = await refusal(editPerson(fixture.ctx, fixture.ids['Carl Tech'], { changes: { title: 'Chief Tech' }, manager: fixture.ids['Eve Coder'] }));
			expect(refused.code).toBe('cycle');
			expect(await snapshot(fixture)).toEqual(before);
		});
	});

	describe('removePerson', () => {
		it("gives the removed person's reports to their manager and audits every change", async () => {
			const fixture = await company();
			const { removed, reassignedTo, reassigned } = await removePerson(fixture.ctx, 'Jane');
			expect(removed.name).toBe('Jane Smith');
			expect(reassignedTo?.name).toBe('Carl Tech');
			expect(reassigned.map((person) => person.name).sort()).toEqual(['Eve Coder', 'José García']);
			const people = await listPeople(handle.db, fixture.orgId);
			expect(people.map((person) => person.name)).not.toContain('Jane Smith');
			expect(people.find((person) => person.name === 'Eve Coder')?.managerId).toBe(fixture.ids['Carl Tech']);
			const audit = await listAuditEntries(handle.db, fixture.orgId);
			expect(audit.map((entry) => entry.action).sort()).toEqual(['delete', 'move', 'move']);
			expect(audit.find((entry) => entry.action === 'delete')).toMatchObject({ before: { name: 'Jane Smith' }, after: null });
		});

		it('gives the reports to the person named instead', async () => {
			const fixture = await company();
			const { reassignedTo } = await removePerson(fixture.ctx, 'Jane Smith', 'Fiona Money');
			expect(reassignedTo?.name).toBe('Fiona Money');
			const eve = await getPerson(handle.db, fixture.orgId, fixture.ids['Eve Coder']);
			expect(eve?.managerId).toBe(fixture.ids['Fiona Money']);
		});

		it("lets one of the removed person's reports take their place", async () => {
			const fixture = await company();
			await removePerson(fixture.ctx, 'Jane Smith', 'Eve Coder');
			const eve = await getPerson(handle.db, fixture.orgId, fixture.ids['Eve Coder']);
			const jose = await getPerson(handle.db, fixture.orgId, fixture.ids['José García']);
			expect(eve?.managerId).toBe(fixture.ids['Carl Tech']);
			expect(jose?.managerId).toBe(fixture.ids['Eve Coder']);
		});

		it('refuses to remove the root without someone to take over, and writes nothing', async () => {
			const fixture = await company();
			const before = await snapshot(fixture);
			const refused = await refusal(removePerson(fixture.ctx, 'Ada Root'));
			expect(refused.message).toContain('reassignReportsTo');
			expect(await snapshot(fixture)).toEqual(before);

			await removePerson(fixture.ctx, 'Ada Root', 'Carl Tech');
			const people = await listPeople(handle.db, fixture.orgId);
			expect(people.filter((person) => person.managerId === null).map((person) => person.name)).toEqual(['Carl Tech']);
			expect(people.find((person) => person.name === 'Fiona Money')?.managerId).toBe(fixture.ids['Carl Tech']);
		});

		it("refuses to hand a team to someone deep inside it", async () => {
			const fixture = await company();
			const before = await snapshot(fixture);
			expect((await refusal(removePerson(fixture.ctx, 'Carl Tech', 'Eve Coder'))).code).toBe('cycle');
			expect(await snapshot(fixture)).toEqual(before);
		});

		it('reports an unknown person as not found', async () => {
			const fixture = await company();
			expect((await refusal(removePerson(fixture.ctx, 'Nobody Here'))).code).toBe('not_found');
		});
	});

	it('recognizes the email index being violated, and nothing else, as a duplicate email', async () => {
		const fixture = await company();
		const sameEmail = insertPerson(handle.db, { organizationId: fixture.orgId, name: 'Dup', title: 'X', email: 'ADA@example.com' });
		const duplicate = await sameEmail.then(() => undefined, (error: unknown) => error);
		expect(isUniqueViolation(duplicate, EMAIL_INDEX)).toBe(true);
		const badManager = insertPerson(handle.db, { organizationId: fixture.orgId, name: 'Orphan', title: 'X', managerId: crypto.randomUUID() });
		const foreignKey = await badManager.then(() => undefined, (error: unknown) => error);
		expect(foreignKey).toBeDefined();
		expect(isUniqueViolation(foreignKey, EMAIL_INDEX)).toBe(false);
	});
});
