/** Changes from the live stream applied to the people on screen (the store alone; the browser tests cover the stream). */
import { get } from 'svelte/store';
import { afterEach, describe, expect, it } from 'vitest';
import type { Person } from '$lib/protocol';
import { applyLiveChange, clearHighlights, headcount, highlightedPeople, lastLiveChange, openRoles, organization, people, peopleStatus } from './org';
import { testPerson } from '../../../tests/helpers/people';

const person = (id: string, name: string, managerId: string | null, extra: Partial<Person> = {}) => testPerson(id, managerId, { name, ...extra });
const change = (people: { id: string; person: Person | null }[]) => ({ id: 'c1', summary: 'changed', personIds: people.map((entry) => entry.id), people });

describe('applyLiveChange', () => {
	afterEach(() => clearHighlights());
	const start = () => {
		organization.set({ id: 'org-1', slug: 'acme', name: 'Acme' });
		people.set([person('a', 'Ada', null), person('c', 'Cy', 'a')]);
		peopleStatus.set('ready');
	};

	it('adds, edits and removes people in the server order, and marks the changed ones', () => {
		start();
		applyLiveChange('org-1', change([{ id: 'b', person: person('b', 'Bea', 'a') }]));
		expect(get(people).map((p) => p.name)).toEqual(['Ada', 'Bea', 'Cy']);
		expect(get(highlightedPeople).get('b')).toBe('changed');
		expect(get(lastLiveChange)?.ids).toEqual(['b']);

		applyLiveChange('org-1', change([{ id: 'c', person: person('c', 'Cy', 'b', { title: 'Lead' }) }, { id: 'b', person: null }]));
		expect(get(people).map((p) => [p.name, p.managerId, p.title])).toEqual([
			['Ada', null, 'Engineer'],
			['Cy', 'b', 'Lead']
		]);
	});

	it('ignores a change of another organization, and counts open roles apart from people', () => {
		start();
		applyLiveChange('org-2', change([{ id: 'x', person: person('x', 'Xia', 'a') }]));
		expect(get(people)).toHaveLength(2);
		applyLiveChange('org-1', change([{ id: 'v', person: person('v', 'Open role', 'a', { vacancy: true }) }]));
		expect(get(headcount)).toBe(2);
		expect(get(openRoles)).toBe(1);
	});
});
