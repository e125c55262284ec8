/**
 * Generated organizations for the scale benchmarks: a single root, spans around `span` (varied, as
 * real teams are), depth following from the size (about 7 levels at 100,000 people with spans of
 * 7), departments inherited down each branch, realistic names (with the duplicates a large company
 * has), titles by level, locations and unique emails. Deterministic for a given seed.
 */
import { randomUUID } from 'node:crypto';

export type GeneratedPerson = {
	id: string;
	name: string;
	title: string;
	department: string;
	email: string;
	location: string;
	managerId: string | null;
	startDate: string;
	/** 0 for the root. */
	level: number;
};

const FIRST = [
	'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Barbara',
	'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Priya', 'Raj', 'Wei', 'Mei', 'Ahmed',
	'Fatima', 'Carlos', 'Sofia', 'Lukas', 'Anna', 'Kenji', 'Yuki', 'Olga', 'Ivan', 'Amara', 'Kwame', 'Noah', 'Emma', 'Liam',
	'Olivia', 'Mateo', 'Isabella', 'Hiroshi', 'Aiko', 'Chen', 'Lena', 'Omar', 'Layla', 'Diego', 'Camila', 'Marcus', 'Zoe',
	'Tom', 'Jane', 'Ben', 'Chloe', 'Arjun', 'Nia', 'Felix', 'Ingrid'
];
const LAST = [
	'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez',
	'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson',
	'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright',
	'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Patel', 'Mehta', 'Kowalski', 'Müller', 'Schmidt', 'Tanaka', 'Suzuki',
	'Kim', 'Park', 'Chen', 'Wang', 'Ivanova', 'Okafor', 'Mensah', 'Becker', "O'Brien", 'Dubois', 'Rossi', 'Silva', 'Novak',
	'Larsen', 'Jensen', 'Haddad', 'Costa', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Ortiz', 'Reyes'
];
const DEPARTMENTS = ['Engineering', 'Sales', 'Marketing', 'Finance', 'Operations', 'Design', 'People', 'Legal', 'Support', 'Product'];
const LOCATIONS = ['London', 'Berlin', 'New York', 'San Francisco', 'Singapore', 'Tokyo', 'Toronto', 'Paris', 'Bangalore', 'Remote'];
const TITLES_BY_LEVEL = [
	'Chief Executive Officer',
	'Vice President',
	'Director',
	'Senior Manager',
	'Manager',
	'Team Lead',
	'Senior Specialist',
	'Specialist'
];

/** A small fast PRNG (mulberry32). */
function random(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** `size` people in breadth-first order (every manager before their reports). */
export function generateOrg(size: number, options: { span?: number; seed?: number } = {}): GeneratedPerson[] {
	const span = options.span ?? 7;
	const next = random(options.seed ?? 42);
	const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
	const people: GeneratedPerson[] = [];
	const makePerson = (managerId: string | null, level: number, department: string): GeneratedPerson => {
		const first = pick(FIRST);
		const last = pick(LAST);
		const index = people.length;
		const year = 2010 + Math.floor(next() * 16);
		const month = 1 + Math.floor(next() * 12);
		const day = 1 + Math.floor(next() * 28);
		return {
			id: randomUUID(),
			name: `${first} ${last}`,
			title: level === 1 ? `VP ${department}` : TITLES_BY_LEVEL[Math.min(level, TITLES_BY_LEVEL.length - 1)],
			department,
			email: `${first}.${last}.${index}@example.com`.toLowerCase().replace(/[^a-z0-9.@]/g, ''),
			location: pick(LOCATIONS),
			managerId,
			startDate: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
			level
		};
	};
	people.push(makePerson(null, 0, 'Executive'));
	// Breadth first: each manager gets span ± half of it reports until the size is reached.
	for (let cursor = 0; cursor < people.length && people.length < size; cursor++) {
		const manager = people[cursor];
		const reports = manager.level === 0 ? DEPARTMENTS.length : Math.max(1, Math.round(span * (0.5 + next())));
		for (let count = 0; count < reports && people.length < size; count++) {
			const department = manager.level === 0 ? DEPARTMENTS[count] : manager.department;
			people.push(makePerson(manager.id, manager.level + 1, department));
		}
	}
	return people;
}

/** Anything that runs a parameterized SQL statement: a `pg` client or pool, or PGlite. */
export type SqlClient = { query: (text: string, params?: unknown[]) => Promise<unknown> };

/**
 * Inserts generated people into an organization, in batches (managers come before reports, so the
 * foreign key holds at every batch). The app's schema must already exist (start the app once).
 */
export async function insertOrg(client: SqlClient, organizationId: string, people: GeneratedPerson[], batchSize = 1000): Promise<void> {
	const columns = ['id', 'organization_id', 'name', 'title', 'department', 'email', 'location', 'manager_id', 'start_date'];
	for (let start = 0; start < people.length; start += batchSize) {
		const batch = people.slice(start, start + batchSize);
		const params: unknown[] = [];
		const tuples = batch.map((person) => {
			const values = [person.id, organizationId, person.name, person.title, person.department, person.email, person.location, person.managerId, person.startDate];
			const placeholders = values.map((value) => {
				params.push(value);
				return `$${params.length}`;
			});
			return `(${placeholders.join(', ')})`;
		});
		await client.query(`insert into people (${columns.join(', ')}) values ${tuples.join(', ')}`, params);
	}
}
