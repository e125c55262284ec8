/** Turns the chart layout into Svelte Flow nodes and edges. */
import type { Edge, Node } from '@xyflow/svelte';
import { colorOf, type DepartmentColors } from './department-colors';
import { CARD_HEIGHT, CARD_WIDTH, type ChartCard, type ChartLayout, type ChartMore } from './layout';

/** `loading`: the card's reports are being fetched (a large organization); `color`: its department's. */
export type PersonNodeData = { card: ChartCard; loading: boolean; color: string; onToggle: (id: string) => void };
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
	loadingReports: ReadonlySet<string> = new Set(),
	colors: DepartmentColors = new Map()
): ChartFlowNode[] {
	const fixed = { width: CARD_WIDTH, height: CARD_HEIGHT, connectable: false } as const;
	const cards = layout.cards.map(
		(card): PersonFlowNode => ({
			...fixed,
			id: card.id,
			type: 'person',
			position: { x: card.x, y: card.y },
			data: { card, loading: loadingReports.has(card.id), color: colorOf(colors, card.person.department), onToggle },
			selected: card.id === selectedId,
			ariaLabel: card.person.vacancy ? `Open role: ${card.person.title}` : `${card.person.name}, ${card.person.title}`
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

/** The id of the dashed edge from a dotted-line manager to a person. */
export const dottedEdgeId = (managerId: string, personId: string) => `dotted:${managerId}->${personId}`;

/**
 * Manager → report connectors (stacked reports are entered from the left), and a dashed edge from
 * each dotted-line manager on screen to the person on screen.
 */
export function toFlowEdges(layout: ChartLayout): Edge[] {
	const solid = layout.links.map((link): Edge => ({
		id: link.id,
		source: link.source,
		target: link.target,
		sourceHandle: link.stacked ? 'stack' : 'bottom',
		targetHandle: link.stacked ? 'left' : 'top',
		type: 'smoothstep',
		selectable: false,
		focusable: false
	}));
	const shown = new Set(layout.cards.map((card) => card.id));
	const dotted: Edge[] = [];
	for (const card of layout.cards) {
		for (const managerId of card.person.dottedLineManagerIds ?? []) {
			if (!shown.has(managerId) || managerId === card.id) continue;
			dotted.push({
				id: dottedEdgeId(managerId, card.id),
				source: managerId,
				target: card.id,
				sourceHandle: 'bottom',
				targetHandle: 'top',
				type: 'default',
				class: 'dotted-line',
				selectable: false,
				focusable: false
			});
		}
	}
	return dotted.length ? [...solid, ...dotted] : solid;
}

/** Whether two nodes draw the same (the callbacks are the same functions throughout a chart's life). */
function drawsSame(a: ChartFlowNode, b: ChartFlowNode): boolean {
	if (a.id !== b.id || a.type !== b.type || a.selected !== b.selected || a.position.x !== b.position.x || a.position.y !== b.position.y) return false;
	if (a.type === 'more' && b.type === 'more') {
		return a.data.loading === b.data.loading && a.data.more.count === b.data.more.count && a.data.more.managerName === b.data.more.managerName;
	}
	if (a.type !== 'person' || b.type !== 'person' || a.data.loading !== b.data.loading || a.data.color !== b.data.color) return false;
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
