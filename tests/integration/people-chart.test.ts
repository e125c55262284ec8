/**
 * The paged people API the chart of a large organization reads (top levels, reports by page,
 * search, path), on the built server; and the SQL behind it held to the in-memory rules
 * (searchPeopleIn) on a generated org, on each database.
 */
import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateOrg, insertOrg } from '../../bench/lib/generate-org';
import type { Person } from '../../src/lib/protocol';
import type { DatabaseHandle } from '../../src/lib/server/db';
import { fillMissingPeopleKeys } from '../../src/lib/server/db/people-keys';
import { searchPeopleRanked } from '../../src/lib/server/db/people-search';
import { organizations } from '../../src/lib/server/db/schema';
import { looseName } from '../../src/lib/server/org/name-matching';
import { searchPeopleIn } from '../../src/lib/server/org/search-people';
import { testDatabaseTargets } from '../helpers/database';
import { stackTargets, useAppServer } from '../helpers/targets';

type ChartPerson = Person & { reportCount: number };

for (const target of stackTargets()) {
	describe(`people API for the chart (${target.label})`, () => {
		const app = useAppServer(target);
		const call = async (method: string, path: string, body?: unknown) => {
			const response = await app().fetch(path, {
				method,
				headers: { 'content-type': 'application/json', origin: app().url },
				body: body === undefined ? undefined : JSON.stringify(body)
			});
			return { status: response.status, body: await response.json() };
		};
		const get = (path: string) => call('GET', path);
		const everyone = async (org: string): Promise<Person[]> => (await get(`/api/orgs/${org}/people`)).body.people;

		/** An org of its own: a root with 25 reports, a chain four deep under the first, and a few names to search. */
		let org = '';
		const ids: Record<string, string> = {};
		const add = async (name: string, title: string, manager?: string, extra: Record<string, string> = {}) => {
			const created = await call('POST', `/api/orgs/${org}/people`, { name, title, ...(manager && { managerId: ids[manager] }), ...extra });
			expect(created.status).toBe(201);
			ids[name] = created.body.person.id;
		};
		beforeAll(async () => {
			const created = await call('POST', '/api/orgs', { name: `Chart Co ${randomUUID().slice(0, 6)}` });
			org = created.body.organization.slug;
			await add('Root Person', 'CEO');
			for (let index = 1; index <= 25; index++) await add(`Report ${String(index).padStart(2, '0')}`, 'Analyst', 'Root Person');
			await add('Mid Manager', 'Director', 'Report 01');
			await add('Dana Engel', 'Designer', 'Mid Manager', { department: 'Design', location: 'Zürich' });
			await add('Eli Park', 'Engineer', 'Dana Engel', { email: 'eli@chart.test' });
			await add('Zoë Łukasz-Brown', 'Engineer', 'Dana Engel');
		}, 60_000);

		test('the top levels: breadth first, each level in the order of GET /people, with report counts and the headcount', async () => {
			const all = await everyone(org);
			const reportsOf = (id: string) => all.filter((person) => person.managerId === id);
			const one = await get(`/api/orgs/${org}/people/top?depth=1`);
			expect(one).toMatchObject({ status: 200, body: { total: all.length, truncated: false } });
			expect(one.body.people.map((person: ChartPerson) => person.name)).toEqual(['Root Person']);
			expect(one.body.people[0].reportCount).toBe(25);

			const every = (await get(`/api/orgs/${org}/people/top?depth=10&limit=5000`)).body;
			const expected: Person[] = [];
			for (let level = all.filter((person) => !person.managerId); level.length > 0; ) {
				expected.push(...level);
				const ids = new Set(level.map((person) => person.id));
				level = all.filter((person) => person.managerId && ids.has(person.managerId));
			}
			expect(every.people.map((person: ChartPerson) => person.name)).toEqual(expected.map((person) => person.name));
			for (const person of every.people as ChartPerson[]) {
				expect(person.reportCount).toBe(reportsOf(person.id).length);
				const { reportCount, ...rest } = person;
				expect(rest).toEqual(all.find((other) => other.id === person.id));
				expect(reportCount).toBeTypeOf('number');
			}

			const cut = (await get(`/api/orgs/${org}/people/top?depth=3&limit=4`)).body;
			expect(cut).toMatchObject({ truncated: true, total: all.length });
			expect(cut.people.map((person: ChartPerson) => person.name)).toEqual(expected.slice(0, 4).map((person) => person.name));
			const exact = (await get(`/api/orgs/${org}/people/top?depth=2&limit=26`)).body;
			expect(exact).toMatchObject({ truncated: false });
			expect(exact.people).toHaveLength(26);
		});

		test('reports page by page with a cursor, none lost or repeated when someone is added in between', async () => {
			const root = ids['Root Person'];
			const first = (await get(`/api/orgs/${org}/people/${root}/reports?limit=10`)).body;
			expect(first.total).toBe(25);
			expect(first.people.map((person: ChartPerson) => person.name)).toEqual(Array.from({ length: 10 }, (_, i) => `Report ${String(i + 1).padStart(2, '0')}`));
			expect(first.people[0].reportCount).toBe(1);
			expect(first.nextCursor).toEqual(expect.any(String));

			// Added before the cursor: the next pages neither repeat anyone nor skip anyone after it.
			await add('Aaron Early', 'Analyst', 'Root Person');
			const second = (await get(`/api/orgs/${org}/people/${root}/reports?limit=10&after=${encodeURIComponent(first.nextCursor)}`)).body;
			const third = (await get(`/api/orgs/${org}/people/${root}/reports?limit=10&after=${encodeURIComponent(second.nextCursor)}`)).body;
			expect(second.total).toBe(26);
			expect(third.nextCursor).toBeNull();
			const names = [...first.people, ...second.people, ...third.people].map((person: ChartPerson) => person.name);
			expect(names).toEqual(Array.from({ length: 25 }, (_, i) => `Report ${String(i + 1).padStart(2, '0')}`));

			const leaf = (await get(`/api/orgs/${org}/people/${ids['Eli Park']}/reports`)).body;
			expect(leaf).toEqual({ people: [], total: 0, nextCursor: null });
			const whole = (await get(`/api/orgs/${org}/people/${root}/reports?limit=1000`)).body;
			expect(whole.people).toHaveLength(26);
			expect(whole.nextCursor).toBeNull();
		});

		test('the path runs from the root down to the person', async () => {
			const path = (await get(`/api/orgs/${org}/people/${ids['Eli Park']}/path`)).body;
			expect(path.people.map((person: ChartPerson) => person.name)).toEqual(['Root Person', 'Report 01', 'Mid Manager', 'Dana Engel', 'Eli Park']);
			expect(path.people.map((person: ChartPerson) => person.reportCount)).toEqual([26, 1, 1, 2, 0]);
			expect((await get(`/api/orgs/${org}/people/${ids['Root Person']}/path`)).body.people).toHaveLength(1);
		});

		test('search: names before other fields, accent- and case-insensitive, typo-tolerant, counted', async () => {
			const names = async (q: string, limit = 20) =>
				(await get(`/api/orgs/${org}/people/search?q=${encodeURIComponent(q)}&limit=${limit}`)).body.people.map((person: ChartPerson) => person.name);
			// "eng": Dana Engel's name starts a word with it; the engineers only have it in their title.
			expect(await names('eng')).toEqual(['Dana Engel', 'Eli Park', 'Zoë Łukasz-Brown']);
			expect(await names('ZOE')).toEqual(['Zoë Łukasz-Brown']);
			expect(await names('lukasz brown')).toEqual(['Zoë Łukasz-Brown']);
			expect(await names('zurich')).toEqual(['Dana Engel']);
			expect(await names('eli@chart')).toEqual(['Eli Park']);
			// A typo still finds the engineers, after nothing better.
			expect(await names('enginer')).toEqual(['Eli Park', 'Zoë Łukasz-Brown']);
			const counted = (await get(`/api/orgs/${org}/people/search?q=report&limit=5`)).body;
			expect(counted.people).toHaveLength(5);
			expect(counted.total).toBe(25);
			expect(counted.totalCapped).toBeUndefined();
			expect(counted.people[0]).toMatchObject({ name: 'Report 01', reportCount: 1 });
			expect((await get(`/api/orgs/${org}/people/search?q=nobody%20like%20this`)).body).toEqual({ people: [], total: 0 });
		});

		test('bad arguments are 400 invalid_arguments; unknown or foreign people are 404', async () => {
			const root = ids['Root Person'];
			for (const path of [
				`/api/orgs/${org}/people/top?depth=0`,
				`/api/orgs/${org}/people/top?depth=11`,
				`/api/orgs/${org}/people/top?limit=5001`,
				`/api/orgs/${org}/people/top?limit=ten`,
				`/api/orgs/${org}/people/${root}/reports?limit=0`,
				`/api/orgs/${org}/people/${root}/reports?limit=1001`,
				`/api/orgs/${org}/people/${root}/reports?after=not-a-cursor`,
				`/api/orgs/${org}/people/${root}/reports?after=${Buffer.from('["x","y"]').toString('base64url')}`,
				`/api/orgs/${org}/people/search`,
				`/api/orgs/${org}/people/search?q=`,
				`/api/orgs/${org}/people/search?q=%20%20`,
				`/api/orgs/${org}/people/search?q=---`,
				`/api/orgs/${org}/people/search?q=x&limit=101`
			]) {
				const answer = await get(path);
				expect({ path, status: answer.status, code: answer.body.error?.code }).toEqual({ path, status: 400, code: 'invalid_arguments' });
			}
			const acmePerson = (await everyone('acme'))[0].id;
			for (const id of [randomUUID(), 'not-an-id', acmePerson]) {
				expect((await get(`/api/orgs/${org}/people/${id}/reports`)).body.error.code).toBe('not_found');
				expect((await get(`/api/orgs/${org}/people/${id}/path`)).status).toBe(404);
			}
			expect((await get('/api/orgs/no-such-org/people/top')).status).toBe(404);
		});
	});
}

describe.each(testDatabaseTargets())('people search and keys in SQL on $label', (target) => {
	let handle: DatabaseHandle;
	let orgId = '';
	const people = generateOrg(400, { seed: 7 });
	beforeAll(async () => {
		handle = await target.open();
		const [org] = await handle.db.insert(organizations).values({ slug: `gen-${randomUUID().slice(0, 8)}`, name: 'Generated' }).returning();
		orgId = org.id;
		// Written as a bulk import would: without the folded keys, which the app then fills.
		await insertOrg({ query: (text, params) => handle.db.execute(withParams(text, params ?? [])) }, orgId, people);
	});
	afterAll(async () => handle?.close());

	test('rows written without keys get them filled', async () => {
		expect(await fillMissingPeopleKeys(handle.db)).toBe(people.length);
		expect(await fillMissingPeopleKeys(handle.db)).toBe(0);
	});

	test('ranks and counts exactly as searchPeopleIn does in memory', async () => {
		const queries = ['smith', 'Müller', 'muller', "o'brien", 'obrien', 'jane', 'ja', 'director', 'directors', 'berlin', 'vp sales', 'eng', 'new york', 'example.com', 'sales london', 'specialist remote', 'zzz', 'an', 'o', '%', 'a_b'];
		for (const query of queries) {
			const expected = searchPeopleIn(people, query);
			const found = await searchPeopleRanked(handle.db, orgId, looseName(query), { limit: 10_000 });
			expect({ query, total: found.total }).toEqual({ query, total: expected.length });
			// Same people at each rank; ties by name may differ between collations, so compare as sets per rank boundary.
			expect({ query, ids: new Set(found.people.map((person) => person.id)) }).toEqual({ query, ids: new Set(expected.map((person) => person.id)) });
			const firstFew = found.people.slice(0, 3).map((person) => looseName(person.name));
			expect({ query, best: firstFew }).toEqual({ query, best: expected.slice(0, 3).map((person) => looseName(person.name)) });
		}
	});

	test('the count stops at the cap and says so', async () => {
		const found = await searchPeopleRanked(handle.db, orgId, 'example', { limit: 2, countCap: 50 });
		expect(found).toMatchObject({ total: 50, capped: true });
		expect(found.people).toHaveLength(2);
	});
});

/** A `$1, $2…` statement as drizzle SQL with the same parameters. */
function withParams(text: string, params: unknown[]): SQL {
	const pieces = text.split(/\$(\d+)/);
	return sql.join(pieces.map((piece, index) => (index % 2 === 0 ? sql.raw(piece) : sql`${params[Number(piece) - 1]}`)));
}
