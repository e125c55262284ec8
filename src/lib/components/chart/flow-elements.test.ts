import { describe, expect, it } from 'vitest';
import type { Person } from '$lib/protocol';
import { reuseUnchangedEdges, reuseUnchangedNodes, toFlowEdges, toFlowNodes } from './flow-elements';
import { layoutChart } from './layout';
import { testPerson } from '../../../../tests/helpers/people';

const person = (id: string, managerId: string | null) => testPerson(id, managerId);

describe('reusing unchanged flow elements', () => {
	const people = [person('ceo', null), person('a', 'ceo'), person('b', 'ceo'), person('a1', 'a'), person('b1', 'b')];
	const noop = () => {};
	const nodesOf = (list: Person[], collapsed: Set<string>, loading = new Set<string>()) => toFlowNodes(layoutChart(list, collapsed), null, noop, noop, loading);

	it('keeps the very same array when nothing changed', () => {
		const first = nodesOf(people, new Set());
		expect(reuseUnchangedNodes(first, nodesOf(people, new Set()))).toBe(first);
		const edges = toFlowEdges(layoutChart(people, new Set()));
		expect(reuseUnchangedEdges(edges, toFlowEdges(layoutChart(people, new Set())))).toBe(edges);
	});

	it('keeps the objects of unchanged nodes and takes the changed ones', () => {
		const first = nodesOf(people, new Set());
		const next = reuseUnchangedNodes(first, nodesOf(people, new Set(), new Set(['b'])));
		expect(next).not.toBe(first);
		const byId = (list: typeof first, id: string) => list.find((node) => node.id === id)!;
		expect(byId(next, 'ceo')).toBe(byId(first, 'ceo'));
		expect(byId(next, 'b')).not.toBe(byId(first, 'b'));
		expect(byId(next, 'b').data).toMatchObject({ loading: true });
	});

	it('takes a node whose person changed, or who moved', () => {
		const first = nodesOf(people, new Set());
		const renamed = people.map((entry) => (entry.id === 'a1' ? { ...entry, name: 'Renamed' } : entry));
		const next = reuseUnchangedNodes(first, nodesOf(renamed, new Set()));
		expect(next.find((node) => node.id === 'a1')).not.toBe(first.find((node) => node.id === 'a1'));
		expect(next.find((node) => node.id === 'b1')).toBe(first.find((node) => node.id === 'b1'));
	});
});
