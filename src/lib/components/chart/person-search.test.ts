import { describe, expect, it } from 'vitest';
import type { Person } from '$lib/protocol';
import { searchPeople } from './person-search';

const person = (name: string, title: string, department: string | null = null): Person => ({
	id: name,
	name,
	title,
	department,
	email: null,
	location: null,
	managerId: null,
	vacancy: false,
	dottedLineManagerIds: []
});

const people = [
	person('Jane Smith', 'VP Engineering', 'Engineering'),
	person('Janet Ortiz', 'Designer', 'Design'),
	person('Benjamin Jansen', 'Developer', 'Engineering'),
	person('Zoë Müller', 'Product Manager', 'Product'),
	person("Siobhán O'Brien", 'Recruiter', 'People'),
	person('Anne-Marie Dubois', 'Accountant', 'Finance')
];

describe('searchPeople', () => {
	it('puts names starting with the query first, then name words, then titles', () => {
		expect(searchPeople(people, 'jan').map((p) => p.name)).toEqual(['Jane Smith', 'Janet Ortiz', 'Benjamin Jansen']);
		expect(searchPeople(people, 'develop').map((p) => p.name)).toEqual(['Benjamin Jansen']);
	});

	it('ignores case and accents, and finds departments', () => {
		expect(searchPeople(people, 'zoe muller').map((p) => p.name)).toEqual(['Zoë Müller']);
		expect(searchPeople(people, 'design').map((p) => p.name)).toEqual(['Janet Ortiz']);
	});

	it('finds people by email and location after names and titles', () => {
		const withContact = [...people, { ...person('Omar Haddad', 'Analyst'), email: 'omar.haddad@example.com', location: 'Paris' }];
		expect(searchPeople(withContact, 'omar.haddad@example').map((p) => p.name)).toEqual(['Omar Haddad']);
		expect(searchPeople(withContact, 'paris').map((p) => p.name)).toEqual(['Omar Haddad']);
	});

	it('returns nothing for a blank query and respects the limit', () => {
		expect(searchPeople(people, '  ')).toEqual([]);
		expect(searchPeople(people, 'e', 2)).toHaveLength(2);
	});

	it('ignores apostrophes and treats hyphens as spaces', () => {
		expect(searchPeople(people, 'obrien').map((p) => p.name)).toEqual(["Siobhán O'Brien"]);
		expect(searchPeople(people, "o'brien").map((p) => p.name)).toEqual(["Siobhán O'Brien"]);
		expect(searchPeople(people, 'anne marie').map((p) => p.name)).toEqual(['Anne-Marie Dubois']);
		expect(searchPeople(people, 'marie').map((p) => p.name)).toEqual(['Anne-Marie Dubois']);
	});
});
