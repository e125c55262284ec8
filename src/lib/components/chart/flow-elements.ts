/** Turns the chart layout into Svelte Flow nodes and edges. */
import type { Edge, Node } from '@xyflow/svelte';
import { CARD_HEIGHT, CARD_WIDTH, type ChartCard, type ChartLayout, type ChartMore } from './layout';

/** `loading`: the card's reports are being fetched (a large organization). */
export type PersonNodeData = { card: ChartCard; loading: boolean; onToggle: (id: string) => void };
export type PersonFlowNode = Node<PersonNodeData, 'person'>;
export type MoreNodeData = { more: ChartMore; loading: boolean; onMore: (managerId: string) => void };
export type MoreFlowNode = Node<MoreNodeData, 'more'>;
export type ChartFlowNode = PersonFlowNode | MoreFlowNode;

/** One flow node per visible card and "N more…" slot; selection is carried over by id. */
export function toFlowNodes(
	layout: ChartLayout,
	selectedId: string | null,
	onToggle: (id: string) => void,
	onMore: (managerId: string) => void,
	loadingReports: ReadonlySet<string> = new Set()
): ChartFlowNode[] {
	const fixed = { width: CARD_WIDTH, height: CARD_HEIGHT, connectable: false } as const;
	const cards = layout.cards.map(
		(card): PersonFlowNode => ({
			...fixed,
			id: card.id,
			type: 'person',
			position: { x: card.x, y: card.y },
			data: { card, loading: loadingReports.has(card.id), onToggle },
			selected: card.id === selectedId,
			ariaLabel: `${card.person.name}, ${card.person.title}`
		})
	);
	const more = layout.more.map(
		(slot): MoreFlowNode => ({
			...fixed,
			id: slot.id,
			type: 'more',
			position: { x: slot.x, y: slot.y },
			data: { more: slot, loading: loadingReports.has(slot.managerId), onMore },
			selectable: false,
			draggable: false,
			ariaLabel: `${slot.count} more reports of ${slot.managerName}`
		})
	);
	return more.length ? [...cards, ...more] : cards;
}

/** Manager → report connectors; stacked reports are entered from the left. */
export function toFlowEdges(layout: ChartLayout): Edge[] {
	return layout.links.map((link) => ({
		id: link.id,
		source: link.source,
		target: link.target,
		sourceHandle: link.stacked ? 'stack' : 'bottom',
		targetHandle: link.stacked ? 'left' : 'top',
		type: 'smoothstep',
		selectable: false,
		focusable: false
	}));
}

/** Whether two nodes draw the same (the callbacks are the same functions throughout a chart's life). */
function drawsSame(a: ChartFlowNode, b: ChartFlowNode): boolean {
	if (a.id !== b.id || a.type !== b.type || a.selected !== b.selected || a.position.x !== b.position.x || a.position.y !== b.position.y) return false;
	if (a.type === 'more' && b.type === 'more') {
		return a.data.loading === b.data.loading && a.data.more.count === b.data.more.count && a.data.more.managerName === b.data.more.managerName;
	}
	if (a.type !== 'person' || b.type !== 'person' || a.data.loading !== b.data.loading) return false;
	const [x, y] = [a.data.card, b.data.card];
	return (
		x.person === y.person &&
		x.managerName === y.managerName &&
		x.directReports === y.directReports &&
		x.hiddenReports === y.hiddenReports &&
		x.hiddenAreDirect === y.hiddenAreDirect &&
		x.collapsed === y.collapsed &&
		x.stacked === y.stacked
	);
}

/**
 * `next`, with the nodes that draw the same as in `previous` replaced by those very objects (and
 * `previous` itself when nothing changed): Svelte Flow skips nodes it already has.
 */
export function reuseUnchangedNodes(previous: readonly ChartFlowNode[], next: ChartFlowNode[]): ChartFlowNode[] {
	const before = new Map(previous.map((node) => [node.id, node]));
	let changed = previous.length !== next.length;
	const merged = next.map((node, index) => {
		const old = before.get(node.id);
		if (old && drawsSame(old, node)) {
			if (previous[index] !== old) changed = true;
			return old;
		}
		changed = true;
		return node;
	});
	return changed ? merged : (previous as ChartFlowNode[]);
}

/** The same for edges: an edge is its id and handles. */
export function reuseUnchangedEdges(previous: readonly Edge[], next: Edge[]): Edge[] {
	const before = new Map(previous.map((edge) => [edge.id, edge]));
	let changed = previous.length !== next.length;
	const merged = next.map((edge, index) => {
		const old = before.get(edge.id);
		if (old && old.sourceHandle === edge.sourceHandle && old.targetHandle === edge.targetHandle) {
			if (previous[index] !== old) changed = true;
			return old;
		}
		changed = true;
		return edge;
	});
	return changed ? merged : (previous as Edge[]);
}
