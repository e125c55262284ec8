/** The REST API of DESIGN §4 on the built server: the same rules as the tools, JSON errors with codes. */
import { describe, expect, test } from 'vitest';
import type { Person } from '../../src/lib/protocol';
import { stackTargets, useAppServer } from '../helpers/targets';

for (const target of stackTargets()) {
	describe(`REST API (${target.label})`, () => {
		const app = useAppServer(target);

		const call = async (method: string, path: string, body?: unknown) => {
			const response = await app().fetch(path, {
				method,
				headers: { 'content-type': 'application/json', origin: app().url },
				body: body === undefined ? undefined : JSON.stringify(body)
			});
			return { status: response.status, headers: response.headers, body: await response.json() };
		};
		const people = async (): Promise<Person[]> => (await call('GET', '/api/orgs/acme/people')).body.people;
		const byName = async (name: string) => (await people()).find((person) => person.name === name)!;

		test('lists organizations and people, by slug or by id', async () => {
			const orgs = await call('GET', '/api/orgs');
			expect(orgs.status).toBe(200);
			const acme = orgs.body.organizations.find((org: { slug: string }) => org.slug === 'acme');
			expect(acme).toMatchObject({ slug: 'acme', name: 'Acme Corporation' });
			const bySlug = await people();
			const byId = (await call('GET', `/api/orgs/${acme.id}/people`)).body.people;
			expect(byId).toEqual(bySlug);
			expect(bySlug.length).toBeGreaterThanOrEqual(35);
			expect(bySlug.filter((person) => person.managerId === null)).toHaveLength(1);
			expect(Object.keys(bySlug[0])).toEqual(expect.arrayContaining(['id', 'name', 'title', 'department', 'email', 'location', 'managerId']));
		});

		test('adds, edits, moves and removes a person, with reports reassigned', async () => {
			const jane = await byName('Jane Smith');
			const created = await call('POST', '/api/orgs/acme/people', { name: 'Rita Ora', title: 'Tech Lead', manager: 'Jane Smith', email: 'rita@acme.test' });
			expect(created.status).toBe(201);
			expect(created.body.person).toMatchObject({ name: 'Rita Ora', managerId: jane.id, department: jane.department });
			const rita = created.body.person as Person;
			const report = await call('POST', '/api/orgs/acme/people', { name: 'Ken Adams', title: 'Engineer', managerId: rita.id });
			expect(report.status).toBe(201);

			const edited = await call('PATCH', `/api/orgs/acme/people/${rita.id}`, { title: 'Staff Engineer' });
			expect(edited).toMatchObject({ status: 200, body: { person: { title: 'Staff Engineer' } } });
			expect((await call('GET', `/api/orgs/acme/people/${rita.id}`)).body.person.title).toBe('Staff Engineer');

			const removed = await call('DELETE', `/api/orgs/acme/people/${rita.id}`);
			expect(removed.status).toBe(200);
			expect(removed.body.reassignedTo).toMatchObject({ id: jane.id });
			expect((await byName('Ken Adams')).managerId).toBe(jane.id);
			expect((await call('GET', `/api/orgs/acme/people/${rita.id}`)).status).toBe(404);
		});

		test('refuses what breaks the rules, with codes, and changes nothing', async () => {
			const before = await people();
			const jane = await byName('Jane Smith');
			const report = before.find((person) => person.managerId === jane.id)!;
			const existingEmail = before.find((person) => person.email)!.email!;

			const cycle = await call('PATCH', `/api/orgs/acme/people/${jane.id}`, { managerId: report.id, title: 'Changed' });
			expect(cycle.status).toBe(409);
			expect(cycle.body.error.code).toBe('cycle');
			const duplicate = await call('POST', '/api/orgs/acme/people', { name: 'Copy Cat', title: 'Engineer', manager: 'Jane Smith', email: existingEmail.toUpperCase() });
			expect(duplicate).toMatchObject({ status: 409, body: { error: { code: 'duplicate_email' } } });
			const secondRoot = await call('POST', '/api/orgs/acme/people', { name: 'Other Boss', title: 'CEO' });
			expect(secondRoot).toMatchObject({ status: 409, body: { error: { code: 'multiple_roots' } } });
			const badBody = await call('POST', '/api/orgs/acme/people', { name: '', title: 'Engineer' });
			expect(badBody.status).toBe(400);
			expect(typeof badBody.body.error.message).toBe('string');
			const noTitle = await call('POST', '/api/orgs/acme/people', { name: 'No Title', manager: 'Jane Smith' });
			expect(noTitle.status).toBe(400);
			expect(noTitle.body.error.message).toMatch(/title is required/i);
			const unknownManager = await call('POST', '/api/orgs/acme/people', { name: 'Lost Soul', title: 'Engineer', manager: 'Nobody Atall' });
			expect(unknownManager).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
			expect((await call('GET', '/api/orgs/nope/people')).status).toBe(404);
			expect((await call('GET', '/api/orgs/acme/people/not-an-id')).status).toBe(404);

			expect(await people()).toEqual(before);
		});

		test('sends no CORS grant: other sites cannot call the API from a browser', async () => {
			const response = await app().fetch('/api/orgs', { headers: { origin: 'https://evil.example' } });
			expect(response.headers.get('access-control-allow-origin')).toBeNull();
		});
	});
}
