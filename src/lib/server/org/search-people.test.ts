import { describe, expect, it } from 'vitest';
import { searchPeopleIn } from './search-people';

const person = (name: string, title: string, department: string, location: string, email: string | null = null) => ({
	name,
	title,
	department,
	location,
	email
});

const people = [
	person('Jane Smith', 'Engineering Manager', 'Engineering', 'San Francisco', 'jane.smith@acme.example'),
	person('Alex Rivera', 'Software Engineer', 'Engineering', 'San Francisco'),
	person('Tom Becker', 'Software Engineer', 'Engineering', 'Berlin'),
	person('Hannah Müller', 'Head of Design', 'Design', 'Berlin'),
	person('José García', 'Director of Engineering', 'Engineering', 'Austin')
];

const names = (query: string) => searchPeopleIn(people, query).map((found) => found.name);

describe('searchPeopleIn', () => {
	it('puts name matches before title and department matches', () => {
		expect(names('jane')).toEqual(['Jane Smith']);
		expect(names('engineer')[0]).toBe('Alex Rivera');
	});

	it('searches titles, departments and locations, accent-insensitively', () => {
		expect(names('berlin')).toEqual(['Hannah Müller', 'Tom Becker']);
		expect(names('muller')).toEqual(['Hannah Müller']);
		expect(names('Design')).toEqual(['Hannah Müller']);
	});

	it('matches plural words against singular titles', () => {
		expect(names('software engineers')).toEqual(['Alex Rivera', 'Tom Becker']);
	});

	it('searches emails', () => {
		expect(names('jane.smith@acme.example')).toEqual(['Jane Smith']);
	});

	it('finds nothing for an empty or unknown query', () => {
		expect(names('  ')).toEqual([]);
		expect(names('astronaut')).toEqual([]);
	});
});
