import { describe, expect, it } from 'vitest';
import { answerAddUser, answerRemoveUser } from './answer-changes';

const jane = { id: 'j', name: 'Jane Smith', title: 'Engineering Manager' };
const alex = { id: 'a', name: 'Alex Rivera', title: 'Software Engineer' };
const tom = { id: 't', name: 'Tom Becker', title: 'Software Engineer' };
const jose = { id: 'g', name: 'José García', title: 'Director of Engineering' };

describe('answerRemoveUser', () => {
	it("says who took the removed person's place when the successor was one of their reports", () => {
		const text = answerRemoveUser({ removed: jane, reassignedTo: alex, reassigned: [alex, tom], changeId: 'c' });
		expect(text).toContain('**Alex Rivera**');
		expect(text).toMatch(/Alex Rivera\*\* \(Software Engineer\) takes their place/);
		expect(text).toContain('Their other report (**Tom Becker**) now reports to **Alex Rivera**');
		expect(text).not.toMatch(/\(\*\*Alex Rivera\*\*, \*\*Tom Becker\*\*\) now report to \*\*Alex Rivera/);
	});

	it("says where the reports went when they move to the removed person's manager", () => {
		const text = answerRemoveUser({ removed: jane, reassignedTo: jose, reassigned: [alex, tom], changeId: 'c' });
		expect(text).toContain('Their 2 reports (**Alex Rivera**, **Tom Becker**) now report to **José García**');
	});

	it('says nothing about reports when there were none', () => {
		expect(answerRemoveUser({ removed: tom, reassignedTo: null, reassigned: [], changeId: 'c' })).toBe('Removed **Tom Becker** (Software Engineer) from the chart.');
	});
});

describe('answerAddUser', () => {
	const person = { id: 'n', name: 'Raj Mehta', title: 'Engineer', department: 'Engineering', email: null, location: null, managerId: 'j', vacancy: false, dottedLineManagerIds: [] };
	it('warns when someone else already has the same name', () => {
		const text = answerAddUser({ person, manager: jane, namesakes: [{ id: 'r', name: 'Raj Mehta', title: 'Site Reliability Engineer' }], changeId: 'c' });
		expect(text).toContain('Note: **Raj Mehta** (Site Reliability Engineer) has the same name');
	});
	it('says nothing of namesakes when there are none', () => {
		expect(answerAddUser({ person, manager: jane, changeId: 'c' })).not.toContain('same name');
	});
});
