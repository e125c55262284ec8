import { describe, expect, it } from 'vitest';
import type { Person } from '$lib/protocol';
import { READABLE_ZOOM, fitZoom, layoutBounds, readableFit } from './chart-fit';
import { nextCard } from './chart-keyboard';
import { filterByDepartment } from './department-colors';
import { toFlowEdges } from './flow-elements';
import { layoutChart } from './layout';
import { testPerson } from '../../../../tests/helpers/people';

const person = testPerson;

/** `branching` reports per manager down to `levels` levels. */
function org(levels: number, branching: number): Person[] {
	const people = [person('0', null)];
	let level = ['0'];
	for (let depth = 1; depth < levels; depth++) {
		const next: string[] = [];
		for (const managerId of level) {
			for (let i = 0; i < branching; i++) {
				people.push(person(`${managerId}.${i}`, managerId));
				next.push(`${managerId}.${i}`);
			}
		}
		level = next;
	}
	return people;
}

describe('readableFit', () => {
	it('keeps everything open when the whole chart fits at a readable zoom', () => {
		const fit = readableFit(org(2, 2), new Set(), null, 1200, 800);
		expect(fit).toMatchObject({ fits: true });
		expect(fit.collapsed.size).toBe(0);
	});

	it('collapses the deepest, biggest teams first instead of zooming out below the readable zoom', () => {
		const people = org(4, 4);
		expect(fitZoom(layoutBounds(layoutChart(people, new Set())), 1400, 800)).toBeLessThan(READABLE_ZOOM);
		const fit = readableFit(people, new Set(), null, 1400, 800);
		expect(fit.fits).toBe(true);
		expect(fitZoom(layoutBounds(fit.layout), 1400, 800)).toBeGreaterThanOrEqual(READABLE_ZOOM);
		// The root and its reports always show.
		for (const id of ['0', '0.0', '0.1', '0.2', '0.3']) expect(fit.layout.cards.some((card) => card.id === id)).toBe(true);
	});

	it('says when even the top two levels are too wide (a phone): the view then shows the top', () => {
		const fit = readableFit(org(3, 12), new Set(), null, 390, 300);
		expect(fit.fits).toBe(false);
		expect(fit.layout.cards.some((card) => card.id === '0.11')).toBe(true);
	});
});

describe('nextCard (arrow keys)', () => {
	const layout = layoutChart(org(3, 3), new Set(['0.2']));
	it('goes up to the manager, down to the first report, and across to peers', () => {
		expect(nextCard(layout, '0.1', 'ArrowUp')).toEqual({ id: '0' });
		expect(nextCard(layout, '0', 'ArrowDown')).toEqual({ id: '0.0' });
		expect(nextCard(layout, '0.1', 'ArrowRight')).toEqual({ id: '0.2' });
		expect(nextCard(layout, '0.1', 'ArrowLeft')).toEqual({ id: '0.0' });
	});
	it('stops at the edges, and asks to open a collapsed manager before going down', () => {
		expect(nextCard(layout, '0', 'ArrowUp')).toBeNull();
		expect(nextCard(layout, '0.0', 'ArrowLeft')).toBeNull();
		expect(nextCard(layout, '0.0.0', 'ArrowDown')).toBeNull();
		expect(nextCard(layout, '0.2', 'ArrowDown')).toEqual({ expand: '0.2' });
	});
});

describe('departments and dotted lines', () => {
	const people = [
		person('ceo', null, { department: 'Executive' }),
		person('cto', 'ceo', { department: 'Engineering' }),
		person('eng', 'cto', { department: 'Engineering', dottedLineManagerIds: ['cfo'] }),
		person('cfo', 'ceo', { department: 'Finance' }),
		person('acct', 'cfo', { department: 'Finance' })
	];
	it('a department filter keeps the department and the managers above it', () => {
		expect(filterByDepartment(people, 'Engineering').map((p) => p.id)).toEqual(['ceo', 'cto', 'eng']);
		expect(filterByDepartment(people, null)).toBe(people);
	});
	it('a dotted-line manager on screen gets a dashed edge; one not on screen does not', () => {
		const dotted = (shown: readonly Person[]) => toFlowEdges(layoutChart(shown, new Set())).filter((edge) => edge.class === 'dotted-line');
		expect(dotted(people).map((edge) => [edge.source, edge.target])).toEqual([['cfo', 'eng']]);
		expect(dotted(filterByDepartment(people, 'Engineering'))).toEqual([]);
	});
});
