/**
 * Tidy-tree layout of the visible part of the chart (d3-flextree, linear time). Managers whose
 * visible reports are all leaves get those reports stacked in a column instead of a wide row,
 * which keeps typical orgs readable when fitted to a laptop screen.
 */
import { flextree, type FlexNode } from 'd3-flextree';
import type { Person } from '$lib/protocol';
import { buildReportingTree, countDescendants, type ReportingTree } from './reporting-tree';

export const CARD_WIDTH = 248;
export const CARD_HEIGHT = 76;
const GAP_X = 28;
const GAP_Y = 64;
/** Vertical gap between stacked cards, and how far the stack is indented from its manager. */
const STACK_GAP = 14;
export const STACK_INDENT = 36;
/** Leaf reports are stacked from this many on. */
const STACK_FROM = 2;

export type ChartCard = {
	id: string;
	person: Person;
	managerName: string | null;
	/** Top-left corner in chart coordinates. */
	x: number;
	y: number;
	directReports: number;
	/** People hidden below this card because it (or a manager under it) is collapsed. */
	hiddenReports: number;
	collapsed: boolean;
	/** True when this card sits in a stacked column (its edge enters from the left). */
	stacked: boolean;
};

export type ChartLink = { id: string; source: string; target: string; stacked: boolean };
export type ChartLayout = { cards: ChartCard[]; links: ChartLink[]; tree: ReportingTree };

type LayoutItem = { kind: 'root' } | { kind: 'person'; id: string } | { kind: 'stack'; ids: string[] };

/** Lays out everyone not hidden under a collapsed manager. */
export function layoutChart(people: readonly Person[], collapsed: ReadonlySet<string>): ChartLayout {
	const tree = buildReportingTree(people);
	const descendants = countDescendants(tree);
	const visibleReports = (id: string) => (collapsed.has(id) ? [] : (tree.reportsOf.get(id) ?? []));
	const childrenOf = (item: LayoutItem): LayoutItem[] => {
		if (item.kind === 'root') return tree.roots.map((id) => ({ kind: 'person', id }));
		if (item.kind === 'stack') return [];
		const reports = visibleReports(item.id);
		const allLeaves = reports.every((id) => visibleReports(id).length === 0);
		if (reports.length >= STACK_FROM && allLeaves) return [{ kind: 'stack', ids: reports }];
		return reports.map((id) => ({ kind: 'person', id }));
	};
	const layout = flextree<LayoutItem>({
		nodeSize: (node) => sizeOf(node.data),
		spacing: (a, b) => (a.parent === b.parent ? 0 : GAP_X / 2)
	});
	const root = layout.hierarchy({ kind: 'root' }, childrenOf);
	layout(root);

	const cards: ChartCard[] = [];
	const links: ChartLink[] = [];
	const card = (id: string, x: number, y: number, stacked: boolean): ChartCard => {
		const person = tree.byId.get(id) as Person;
		const managerId = tree.managerOf.get(id) ?? null;
		const isCollapsed = collapsed.has(id) && (tree.reportsOf.get(id)?.length ?? 0) > 0;
		return {
			id,
			person,
			managerName: managerId ? (tree.byId.get(managerId)?.name ?? null) : null,
			x,
			y,
			directReports: tree.reportsOf.get(id)?.length ?? 0,
			hiddenReports: isCollapsed ? (descendants.get(id) ?? 0) : 0,
			collapsed: isCollapsed,
			stacked
		};
	};
	// The virtual root is not drawn: shift everything up by one level.
	const top = sizeOf({ kind: 'root' })[1];
	root.each((node: FlexNode<LayoutItem>) => {
		const item = node.data;
		if (item.kind === 'person') {
			cards.push(card(item.id, node.x - CARD_WIDTH / 2, node.y - top, false));
			const managerId = tree.managerOf.get(item.id);
			if (managerId) links.push({ id: `${managerId}->${item.id}`, source: managerId, target: item.id, stacked: false });
		} else if (item.kind === 'stack') {
			const managerId = tree.managerOf.get(item.ids[0]) as string;
			item.ids.forEach((id, index) => {
				const y = node.y - top + index * (CARD_HEIGHT + STACK_GAP);
				cards.push(card(id, node.x - CARD_WIDTH / 2 + STACK_INDENT, y, true));
				links.push({ id: `${managerId}->${id}`, source: managerId, target: id, stacked: true });
			});
		}
	});
	return { cards, links, tree };
}

function sizeOf(item: LayoutItem): [number, number] {
	if (item.kind === 'root') return [CARD_WIDTH + GAP_X, 0];
	if (item.kind === 'person') return [CARD_WIDTH + GAP_X, CARD_HEIGHT + GAP_Y];
	const height = item.ids.length * CARD_HEIGHT + (item.ids.length - 1) * STACK_GAP + GAP_Y;
	// Symmetric width around the manager's centre, wide enough for the indented column.
	return [CARD_WIDTH + 2 * STACK_INDENT + GAP_X, height];
}
