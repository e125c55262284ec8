import { describe, expect, it } from 'vitest';
import { parseRequest } from './intent';
import { cleanTitle, stripWrapping, titleCase } from './names';

describe('what the offline assistant keeps as typed', () => {
	it('title-cases plain words only; markup and symbols are never re-cased', () => {
		expect(titleCase('senior software engineer')).toBe('Senior Software Engineer');
		expect(titleCase('<script>alert(1)</script> **lead**')).toBe('<script>alert(1)</script> **lead**');
		expect(cleanTitle('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
	});

	it('takes off quotes and enclosing brackets, but keeps brackets that belong to the text', () => {
		expect(stripWrapping('"Jane Smith".')).toBe('Jane Smith');
		expect(stripWrapping('("Jane")')).toBe('Jane');
		expect(stripWrapping('Engineer (Platform)')).toBe('Engineer (Platform)');
		expect(stripWrapping('<b>Lead</b>')).toBe('<b>Lead</b>');
	});

	it('adds a person whose title is markup with that exact title', () => {
		expect(parseRequest('Add Eve Adams as <script>alert(1)</script> **Lead** under Jane Smith')).toMatchObject({
			name: 'addUser',
			arguments: { name: 'Eve Adams', title: '<script>alert(1)</script> **Lead**', manager: 'Jane Smith' }
		});
	});
});
