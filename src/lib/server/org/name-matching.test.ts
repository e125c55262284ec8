import { describe, expect, it } from 'vitest';
import { editDistance, matchByName, normalizeName } from './name-matching';

const people = [
	{ id: '1', name: 'Jane Smith' },
	{ id: '2', name: 'José García' },
	{ id: '3', name: "Siobhán O'Brien" },
	{ id: '4', name: 'Anne-Marie Dubois' },
	{ id: '5', name: 'Daniel Park' },
	{ id: '6', name: 'Daniel Weber' },
	{ id: '7', name: 'Marcus Johnson' },
	{ id: '8', name: 'Olivia Johnson-Lee' }
];

const ids = (ref: string) => {
	const match = matchByName(people, ref);
	if (match.kind === 'unique') return match.person.id;
	if (match.kind === 'ambiguous') return match.candidates.map((person) => person.id);
	return `none:${match.suggestions.map((person) => person.id).join(',')}`;
};

describe('normalizeName', () => {
	it('drops case, accents and extra spaces, and straightens apostrophes', () => {
		expect(normalizeName('  SIOBHÁN   O\u2019Brien ')).toBe("siobhan o'brien");
	});

	it('keeps hyphens', () => {
		expect(normalizeName('Anne-Marie')).toBe('anne-marie');
	});
});

describe('matchByName', () => {
	it('finds a full name whatever the case and spacing', () => {
		expect(ids('jane smith')).toBe('1');
		expect(ids('  JANE   SMITH ')).toBe('1');
	});

	it('finds someone by first name or by last name alone when only one person has it', () => {
		expect(ids('Jane')).toBe('1');
		expect(ids('smith')).toBe('1');
		expect(ids('Weber')).toBe('6');
	});

	it('ignores accents in either direction', () => {
		expect(ids('Jose Garcia')).toBe('2');
		expect(ids('jose')).toBe('2');
		expect(ids('Siobhan')).toBe('3');
	});

	it('treats curly and straight apostrophes alike, and tolerates a missing one', () => {
		expect(ids('Siobhán O\u2019Brien')).toBe('3');
		expect(ids("o'brien")).toBe('3');
		expect(ids('OBrien')).toBe('3');
	});

	it('matches hyphenated names with or without the hyphen, and by part', () => {
		expect(ids('anne-marie dubois')).toBe('4');
		expect(ids('Anne Marie Dubois')).toBe('4');
		expect(ids('Anne-Marie')).toBe('4');
		expect(ids('Anne')).toBe('4');
	});

	it('returns every candidate when a name fits several people', () => {
		expect(ids('Daniel')).toEqual(['5', '6']);
	});

	it('prefers an exact last name over a fragment of another name', () => {
		// "Johnson" is Marcus's whole last name, and only part of Olivia's.
		expect(ids('Johnson')).toBe('7');
	});

	it('finds a unique prefix such as an initial', () => {
		expect(ids('daniel p')).toBe('5');
		expect(ids('J Smith')).toBe('1');
	});

	it('finds no one for an unknown name, suggesting close spellings', () => {
		expect(ids('Zed Nobody')).toBe('none:');
		expect(ids('Jnae Smith')).toBe('none:1');
		expect(ids('Marcsu')).toBe('none:7');
	});

	it('finds no one for an empty reference', () => {
		expect(ids('   ')).toBe('none:');
	});
});

describe('editDistance', () => {
	it('counts a swap of neighbouring letters as one edit', () => {
		expect(editDistance('jnae', 'jane')).toBe(1);
		expect(editDistance('kitten', 'sitting')).toBe(3);
	});
});
