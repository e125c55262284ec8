import { describe, expect, it } from 'vitest';
import type { Person } from '$lib/protocol';
import { CARD_HEIGHT, CARD_WIDTH, layoutChart, type ChartCard } from './layout';
import { expandPathTo, initiallyCollapsed } from './chart-expansion';
import { buildReportingTree } from './reporting-tree';
import { testPerson } from '../../../../tests/helpers/people';

const person = (id: string, managerId: string | null) => testPerson(id, managerId);

/** An org with `branching` reports per manager down to `levels` levels. */
function org(levels: number, branching: number): Person[] {
	const people = [person('0', null)];
	let level = ['0'];
	for (let depth = 1; depth < levels; depth++) {
		const next: string[] = [];
		for (const managerId of level) {
			for (let i = 0; i < branching; i++) {
				const id = `${managerId}.${i}`;
				people.push(person(id, managerId));
				next.push(id);
			}
		}
		level = next;
	}
	return people;
}

const overlaps = (a: ChartCard, b: ChartCard) =>
	a.x < b.x + CARD_WIDTH && b.x < a.x + CARD_WIDTH && a.y < b.y + CARD_HEIGHT && b.y < a.y + CARD_HEIGHT;

describe('layoutChart', () => {
	it('places every person once, with no two cards overlapping and managers above their reports', () => {
		const people = [...org(4, 3), person('x', '0.1'), person('y', '0.1.2')];
		const { cards, links } = layoutChart(people, new Set());
		expect(cards).toHaveLength(people.length);
		for (let i = 0; i < cards.length; i++) {
			for (let j = i + 1; j < cards.length; j++) expect(overlaps(cards[i], cards[j]), `${cards[i].id} / ${cards[j].id}`).toBe(false);
		}
		const byId = new Map(cards.map((card) => [card.id, card]));
		for (const link of links) expect(byId.get(link.source)!.y).toBeLessThan(byId.get(link.target)!.y);
		expect(links).toHaveLength(people.length - 1);
	});

	it('stacks a manager’s leaf reports in a column and names each card’s manager', () => {
		const people = [person('ceo', null), person('a', 'ceo'), person('b', 'ceo')];
		const { cards } = layoutChart(people, new Set());
		const reports = cards.filter((card) => card.id !== 'ceo');
		expect(new Set(reports.map((card) => card.x)).size).toBe(1);
		expect(reports.every((card) => card.stacked && card.managerName === 'Person ceo')).toBe(true);
	});

	it('hides the reports of a collapsed manager and counts them on its card', () => {
		const people = org(3, 3);
		const { cards } = layoutChart(people, new Set(['0.1']));
		expect(cards.find((card) => card.id === '0.1.0')).toBeUndefined();
		const manager = cards.find((card) => card.id === '0.1')!;
		expect(manager).toMatchObject({ collapsed: true, hiddenReports: 3, directReports: 3 });
		expect(cards).toHaveLength(people.length - 3);
	});

	it('survives a reporting cycle and a manager missing from the list', () => {
		const people = [person('a', 'b'), person('b', 'a'), person('c', 'ghost')];
		expect(layoutChart(people, new Set()).cards.map((card) => card.id).sort()).toEqual(['a', 'b', 'c']);
	});
});

describe('layoutChart of a partly loaded organization', () => {
	const view = (reportCount: Record<string, number>, notLoaded: Record<string, number> = {}) => ({
		total: 100,
		reportCount: new Map(Object.entries(reportCount)),
		notLoaded: new Map(Object.entries(notLoaded))
	});

	it('shows a manager whose reports are not loaded as collapsed, with their report count', () => {
		const people = [person('ceo', null), person('a', 'ceo')];
		const { cards, more } = layoutChart(people, new Set(), view({ ceo: 1, a: 12 }));
		expect(cards.find((card) => card.id === 'a')).toMatchObject({ collapsed: true, hiddenReports: 12, hiddenAreDirect: true, directReports: 12 });
		expect(more).toEqual([]);
	});

	it('puts an "N more" slot after the loaded reports, in a stack and in a row, without overlaps', () => {
		const people = [person('ceo', null), person('a', 'ceo'), person('b', 'ceo'), person('a1', 'a'), person('a2', 'a'), person('b1', 'b')];
		const { cards, more, links } = layoutChart(people, new Set(), view({ ceo: 5, a: 9, b: 1 }, { ceo: 3, a: 7 }));
		expect(more.map((slot) => [slot.managerId, slot.count, slot.stacked])).toEqual([
			['ceo', 3, false],
			['a', 7, true]
		]);
		const stackSlot = more.find((slot) => slot.managerId === 'a')!;
		const a2 = cards.find((card) => card.id === 'a2')!;
		expect(stackSlot.x).toBe(a2.x);
		expect(stackSlot.y).toBeGreaterThan(a2.y);
		const boxes = [...cards, ...more];
		for (let i = 0; i < boxes.length; i++) {
			for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i] as ChartCard, boxes[j] as ChartCard), `${boxes[i].id} / ${boxes[j].id}`).toBe(false);
		}
		expect(links.filter((link) => link.target.startsWith('more:'))).toHaveLength(2);
	});

	it('a collapsed manager hides its "more" slot too', () => {
		const people = [person('ceo', null), person('a', 'ceo')];
		const { more, cards } = layoutChart(people, new Set(['ceo']), view({ ceo: 4 }, { ceo: 3 }));
		expect(more).toEqual([]);
		expect(cards.map((card) => card.id)).toEqual(['ceo']);
	});
});

describe('chart expansion', () => {
	it('opens large orgs three levels deep and small orgs fully', () => {
		const large = buildReportingTree(org(5, 4)); // 341 people
		const collapsed = initiallyCollapsed(large);
		expect(collapsed.has('0.0.0')).toBe(true);
		expect(collapsed.has('0.0')).toBe(false);
		const visible = layoutChart([...large.byId.values()], collapsed).cards.length;
		expect(visible).toBe(1 + 4 + 16);
		expect(initiallyCollapsed(buildReportingTree(org(3, 3))).size).toBe(0);
	});

	it('expanding the path to a deep person makes their card visible', () => {
		const people = org(5, 4);
		const tree = buildReportingTree(people);
		const opened = expandPathTo(tree, initiallyCollapsed(tree), '0.3.2.1.0');
		expect(layoutChart(people, opened).cards.some((card) => card.id === '0.3.2.1.0')).toBe(true);
	});
});
