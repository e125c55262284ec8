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
	const fixed = { width: CARD_WIDTH, height: CARD_HEIGHT, draggable: false, connectable: false } as const;
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
