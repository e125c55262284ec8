/** The demo organization a newcomer sees: a real chart, created once. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db';
import { listPeople } from '../../src/lib/server/db/people';
import { Hierarchy } from '../../src/lib/server/org/hierarchy';
import { findOrganization, listOrganizations } from '../../src/lib/server/org/organizations';
import { resolvePerson } from '../../src/lib/server/org/resolve';
import { ensureDemoOrganization } from '../../src/lib/server/org/seed';
import { testDatabaseTargets } from '../helpers/database';

describe.each(testDatabaseTargets())('demo organization on $label', (target) => {
	let handle: DatabaseHandle;
	beforeAll(async () => {
		handle = await target.open();
		// Two starts at once, then a restart: still one organization.
		await Promise.all([ensureDemoOrganization(handle.db), ensureDemoOrganization(handle.db)]);
		await ensureDemoOrganization(handle.db);
	});
	afterAll(async () => {
		await handle?.close();
	});

	const acmePeople = async () => {
		const org = await findOrganization(handle.db, 'acme');
		if (!org) throw new Error('no acme');
		return { org, people: await listPeople(handle.db, org.id) };
	};

	it('creates Acme once, however many times and processes start', async () => {
		const organizations = await listOrganizations(handle.db);
		expect(organizations).toEqual([{ id: expect.any(String), slug: 'acme', name: 'Acme Corporation' }]);
		expect(await findOrganization(handle.db, organizations[0].id)).toMatchObject({ slug: 'acme' });
		const { people } = await acmePeople();
		expect(people.length).toBeGreaterThanOrEqual(35);
		expect(people.length).toBeLessThanOrEqual(45);
	});

	it('has one root, every manager in the org, four to five levels, and unique emails', async () => {
		const { people } = await acmePeople();
		const hierarchy = new Hierarchy(people);
		expect(hierarchy.roots()).toHaveLength(1);
		expect(hierarchy.roots()[0].title).toBe('Chief Executive Officer');
		for (const person of people) {
			if (person.managerId) expect(hierarchy.byId.has(person.managerId)).toBe(true);
			expect(person.title).not.toBe('');
			expect(person.email).toMatch(/^[a-z.-]+@acme\.example$/);
			expect(person.startDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		}
		expect([4, 5]).toContain(hierarchy.depth());
		expect(new Set(people.map((person) => person.email)).size).toBe(people.length);
	});

	it('has Jane Smith, an Engineering Manager with software engineers reporting to her', async () => {
		const { org, people } = await acmePeople();
		const jane = await resolvePerson(handle.db, org.id, 'Jane');
		if ('error' in jane) throw new Error(jane.error.message);
		expect(jane).toMatchObject({ name: 'Jane Smith', title: 'Engineering Manager', department: 'Engineering' });
		const reports = people.filter((person) => person.managerId === jane.id);
		expect(reports.filter((person) => /Software Engineer/.test(person.title)).length).toBeGreaterThanOrEqual(3);
		expect(people.some((person) => person.name === 'John Doe')).toBe(false);
	});

	it('includes names with accents, hyphens and apostrophes that resolve as people type them', async () => {
		const { org } = await acmePeople();
		for (const [typed, name] of [
			['jose garcia', 'José García'],
			['Siobhan O’Brien', "Siobhán O'Brien"],
			['anne-marie', 'Anne-Marie Dubois']
		]) {
			const found = await resolvePerson(handle.db, org.id, typed);
			expect('error' in found ? found.error.message : found.name).toBe(name);
		}
	});
});
