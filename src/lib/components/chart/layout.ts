/**
 * Tidy-tree layout of the visible part of the chart (d3-flextree, linear time). Managers whose
 * visible reports are all leaves get those reports stacked in a column instead of a wide row,
 * which keeps typical orgs readable when fitted to a laptop screen. In a large organization only
 * part of it is loaded: a manager whose reports are not loaded shows collapsed with their true
 * count, and one with some reports loaded gets an "N more…" slot after them.
 */
import { flextree, type FlexNode } from 'd3-flextree';
import type { Person } from '$lib/protocol';
import type { LoadedOrgView } from '$lib/stores/loaded-org';
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
	/**
	 * People hidden below this card because it (or a manager under it) is collapsed: everyone below
	 * when the whole org is loaded, the direct reports when only part of it is.
	 */
	hiddenReports: number;
	/** Whether `hiddenReports` counts only direct reports (the people further down are not loaded). */
	hiddenAreDirect: boolean;
	collapsed: boolean;
	/** True when this card sits in a stacked column (its edge enters from the left). */
	stacked: boolean;
};

/** The "N more…" slot after a manager's loaded reports. */
export type ChartMore = { id: string; managerId: string; managerName: string; count: number; x: number; y: number; stacked: boolean };
export type ChartLink = { id: string; source: string; target: string; stacked: boolean };
export type ChartLayout = { cards: ChartCard[]; more: ChartMore[]; links: ChartLink[]; tree: ReportingTree };

type LayoutItem =
	| { kind: 'root' }
	| { kind: 'person'; id: string }
	| { kind: 'more'; managerId: string }
	| { kind: 'stack'; ids: string[]; more: boolean };

/** The id of a manager's "N more…" node. */
export const moreNodeId = (managerId: string) => `more:${managerId}`;

/**
 * Lays out everyone not hidden under a collapsed manager. `loaded` describes a partly loaded
 * organization (null when `people` is all of it).
 */
export function layoutChart(people: readonly Person[], collapsed: ReadonlySet<string>, loaded: LoadedOrgView | null = null): ChartLayout {
	const tree = buildReportingTree(people);
	const descendants = loaded ? null : countDescendants(tree);
	const loadedReports = (id: string) => tree.reportsOf.get(id) ?? [];
	const directReports = (id: string) => (loaded ? (loaded.reportCount.get(id) ?? loadedReports(id).length) : loadedReports(id).length);
	const isCollapsed = (id: string) => directReports(id) > 0 && (collapsed.has(id) || loadedReports(id).length === 0);
	const visibleReports = (id: string) => (isCollapsed(id) ? [] : loadedReports(id));
	const notLoaded = (id: string) => (isCollapsed(id) ? 0 : (loaded?.notLoaded.get(id) ?? 0));
	const childrenOf = (item: LayoutItem): LayoutItem[] => {
		if (item.kind === 'root') return tree.roots.map((id) => ({ kind: 'person', id }));
		if (item.kind !== 'person') return [];
		const reports = visibleReports(item.id);
		const more = notLoaded(item.id) > 0;
		const allLeaves = reports.every((id) => visibleReports(id).length === 0);
		if (reports.length >= STACK_FROM && allLeaves) return [{ kind: 'stack', ids: reports, more }];
		const items: LayoutItem[] = reports.map((id) => ({ kind: 'person', id }));
		if (more) items.push({ kind: 'more', managerId: item.id });
		return items;
	};
	const layout = flextree<LayoutItem>({
		nodeSize: (node) => sizeOf(node.data),
		spacing: (a, b) => (a.parent === b.parent ? 0 : GAP_X / 2)
	});
	const root = layout.hierarchy({ kind: 'root' }, childrenOf);
	layout(root);

	const cards: ChartCard[] = [];
	const more: ChartMore[] = [];
	const links: ChartLink[] = [];
	const card = (id: string, x: number, y: number, stacked: boolean): ChartCard => {
		const person = tree.byId.get(id) as Person;
		const managerId = tree.managerOf.get(id) ?? null;
		const hidden = isCollapsed(id);
		return {
			id,
			person,
			managerName: managerId ? (tree.byId.get(managerId)?.name ?? null) : null,
			x,
			y,
			directReports: directReports(id),
			hiddenReports: hidden ? (descendants ? (descendants.get(id) ?? 0) : directReports(id)) : 0,
			hiddenAreDirect: descendants === null,
			collapsed: hidden,
			stacked
		};
	};
	const moreSlot = (managerId: string, x: number, y: number, stacked: boolean) => {
		const id = moreNodeId(managerId);
		const managerName = tree.byId.get(managerId)?.name ?? '';
		more.push({ id, managerId, managerName, count: notLoaded(managerId), x, y, stacked });
		links.push({ id: `${managerId}->${id}`, source: managerId, target: id, stacked });
	};
	// The virtual root is not drawn: shift everything up by one level.
	const top = sizeOf({ kind: 'root' })[1];
	root.each((node: FlexNode<LayoutItem>) => {
		const item = node.data;
		if (item.kind === 'person') {
			cards.push(card(item.id, node.x - CARD_WIDTH / 2, node.y - top, false));
			const managerId = tree.managerOf.get(item.id);
			if (managerId) links.push({ id: `${managerId}->${item.id}`, source: managerId, target: item.id, stacked: false });
		} else if (item.kind === 'more') {
			moreSlot(item.managerId, node.x - CARD_WIDTH / 2, node.y - top, false);
		} else if (item.kind === 'stack') {
			const managerId = tree.managerOf.get(item.ids[0]) as string;
			const x = node.x - CARD_WIDTH / 2 + STACK_INDENT;
			const slotY = (index: number) => node.y - top + index * (CARD_HEIGHT + STACK_GAP);
			item.ids.forEach((id, index) => {
				cards.push(card(id, x, slotY(index), true));
				links.push({ id: `${managerId}->${id}`, source: managerId, target: id, stacked: true });
			});
			if (item.more) moreSlot(managerId, x, slotY(item.ids.length), true);
		}
	});
	return { cards, more, links, tree };
}

function sizeOf(item: LayoutItem): [number, number] {
	if (item.kind === 'root') return [CARD_WIDTH + GAP_X, 0];
	if (item.kind === 'person' || item.kind === 'more') return [CARD_WIDTH + GAP_X, CARD_HEIGHT + GAP_Y];
	const slots = item.ids.length + (item.more ? 1 : 0);
	const height = slots * CARD_HEIGHT + (slots - 1) * STACK_GAP + GAP_Y;
	// Symmetric width around the manager's centre, wide enough for the indented column.
	return [CARD_WIDTH + 2 * STACK_INDENT + GAP_X, height];
}
