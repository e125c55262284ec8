import { describe, expect, it } from 'vitest';
import type { ChartPerson } from '$lib/client/chart-api';
import { LoadedOrg } from './loaded-org';
import { testPerson } from '../../../tests/helpers/people';

const person = (id: string, managerId: string | null, reportCount = 0): ChartPerson => ({ ...testPerson(id, managerId), reportCount });

const names = (org: LoadedOrg) => org.people().map((entry) => entry.id);

describe('LoadedOrg', () => {
	// ceo → a (3 reports: a1, a2, a3), b (no reports)
	const top = () => LoadedOrg.fromTop({ people: [person('ceo', null, 2), person('a', 'ceo', 3), person('b', 'ceo')], total: 6, truncated: false });

	it('shows the top levels, with the reports of the last level counted but not loaded', () => {
		const org = top();
		expect(names(org)).toEqual(['ceo', 'a', 'b']);
		const view = org.view();
		expect(view.total).toBe(6);
		expect(view.reportCount.get('a')).toBe(3);
		// Nothing of a's is loaded yet: the chart shows a collapsed, not "3 more".
		expect(org.loadedReports('a')).toBe(0);
		expect(org.nextCursor('a')).toBeUndefined();
		expect(org.nextCursor('ceo')).toBeNull();
		expect(view.notLoaded.has('ceo')).toBe(false);
	});

	it('adds reports page by page and counts what is still on the server', () => {
		const org = top();
		org.addReportsPage('a', { people: [person('a1', 'a'), person('a2', 'a')], total: 3, nextCursor: 'c1' });
		expect(names(org)).toEqual(['ceo', 'a', 'b', 'a1', 'a2']);
		expect(org.view().notLoaded.get('a')).toBe(1);
		expect(org.nextCursor('a')).toBe('c1');
		org.addReportsPage('a', { people: [person('a3', 'a')], total: 3, nextCursor: null });
		expect(org.view().notLoaded.has('a')).toBe(false);
		expect(org.nextCursor('a')).toBeNull();
	});

	it('shows a person found by a path among their manager’s reports, once, even after their page arrives', () => {
		const org = top();
		org.addPath([person('ceo', null, 2), person('a', 'ceo', 3), person('a3', 'a')]);
		expect(names(org)).toEqual(['ceo', 'a', 'b', 'a3']);
		expect(org.view().notLoaded.get('a')).toBe(2);
		expect(org.strayPeople()).toEqual(['a3']);
		org.addReportsPage('a', { people: [person('a1', 'a'), person('a2', 'a'), person('a3', 'a')], total: 3, nextCursor: null });
		expect(names(org)).toEqual(['ceo', 'a', 'b', 'a1', 'a2', 'a3']);
		expect(org.strayPeople()).toEqual([]);
	});

	it('takes a page’s total as the manager’s current report count', () => {
		const org = top();
		org.addReportsPage('a', { people: [person('a1', 'a')], total: 1, nextCursor: null });
		expect(org.view().reportCount.get('a')).toBe(1);
		expect(org.pagedManagers()).toEqual([
			{ id: 'ceo', count: 2 },
			{ id: 'a', count: 1 }
		]);
	});

	it('a top cut short by its limit leaves the rest of the last manager’s reports to load', () => {
		const org = LoadedOrg.fromTop({ people: [person('ceo', null, 3), person('x', 'ceo')], total: 4, truncated: true });
		expect(org.view().notLoaded.get('ceo')).toBe(2);
		expect(org.nextCursor('ceo')).toBeUndefined();
	});
});
