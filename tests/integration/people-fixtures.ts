/** Small organizations for the people, tools and rules tests, written straight to the database. */
import { randomUUID } from 'node:crypto';
import type { Database } from '../../src/lib/server/db';
import { insertPerson } from '../../src/lib/server/db/people';
import { organizations } from '../../src/lib/server/db/schema';
import type { ToolContext } from '../../src/lib/server/tools/types';

export type FixturePerson = {
	name: string;
	title: string;
	manager?: string;
	department?: string;
	email?: string;
	location?: string;
};

export type FixtureOrg = {
	orgId: string;
	/** Ids by name. */
	ids: Record<string, string>;
	ctx: ToolContext;
};

/** A fresh organization with these people (managers listed before their reports). */
export async function createFixtureOrg(
	db: Database,
	people: FixturePerson[],
	options: { allowMultipleRoots?: boolean; actor?: ToolContext['actor'] } = {}
): Promise<FixtureOrg> {
	const slug = `test-${randomUUID().slice(0, 8)}`;
	const [org] = await db
		.insert(organizations)
		.values({ slug, name: `Test ${slug}`, allowMultipleRoots: options.allowMultipleRoots ?? false })
		.returning();
	const ids: Record<string, string> = {};
	for (const person of people) {
		const row = await insertPerson(db, {
			organizationId: org.id,
			name: person.name,
			title: person.title,
			department: person.department ?? null,
			email: person.email ?? null,
			location: person.location ?? null,
			managerId: person.manager ? ids[person.manager] : null
		});
		ids[person.name] = row.id;
	}
	const ctx: ToolContext = { db, orgId: org.id, actor: options.actor ?? { kind: 'token', role: 'owner' } };
	return { orgId: org.id, ids, ctx };
}

/** CEO → CTO → Jane Smith → two engineers; CEO → CFO. */
export const smallCompany: FixturePerson[] = [
	{ name: 'Ada Root', title: 'CEO', department: 'Executive', email: 'ada@example.com' },
	{ name: 'Carl Tech', title: 'CTO', manager: 'Ada Root', department: 'Engineering', email: 'carl@example.com' },
	{ name: 'Fiona Money', title: 'CFO', manager: 'Ada Root', department: 'Finance' },
	{ name: 'Jane Smith', title: 'Engineering Manager', manager: 'Carl Tech', department: 'Engineering', email: 'jane@example.com' },
	{ name: 'Eve Coder', title: 'Software Engineer', manager: 'Jane Smith', department: 'Engineering' },
	{ name: 'José García', title: 'Software Engineer', manager: 'Jane Smith', department: 'Engineering' }
];
