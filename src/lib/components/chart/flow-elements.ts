/** Turns the chart layout into Svelte Flow nodes and edges. */
import type { Edge, Node } from '@xyflow/svelte';
import { CARD_HEIGHT, CARD_WIDTH, type ChartLayout, type ChartCard } from './layout';

export type PersonNodeData = { card: ChartCard; onToggle: (id: string) => void };
export type PersonFlowNode = Node<PersonNodeData, 'person'>;

/** One flow node per visible card; selection is carried over by id. */
export function toFlowNodes(layout: ChartLayout, selectedId: string | null, onToggle: (id: string) => void): PersonFlowNode[] {
	return layout.cards.map((card) => ({
		id: card.id,
		type: 'person',
		position: { x: card.x, y: card.y },
		width: CARD_WIDTH,
		height: CARD_HEIGHT,
		data: { card, onToggle },
		selected: card.id === selectedId,
		draggable: false,
		connectable: false,
		ariaLabel: `${card.person.name}, ${card.person.title}`
	}));
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
