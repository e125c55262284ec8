/**
 * Drag and drop on the chart: a card dropped on another card asks the server to make that person
 * its manager. A refusal (a reporting cycle, say) puts the card back where it was and shows the
 * server's reason; a success shows the change with Undo. The card under the pointer is marked
 * (`data-drop-target`) while dragging.
 */
import type { Node, XYPosition } from '@xyflow/svelte';
import { get } from 'svelte/store';
import type { Person } from '$lib/protocol';
import { editPerson } from '$lib/client/people-api';
import { showChange, toastChange } from '$lib/stores/editor';
import { organization } from '$lib/stores/org';
import { showToast } from '$lib/stores/toasts';
import './card-drop.css';

type DragEvent = { targetNode: Node | null; event: MouseEvent | TouchEvent };
type Flow = { getNodes: () => Node[]; screenToFlowPosition: (position: XYPosition) => XYPosition };

/** The handlers to give Svelte Flow; `putBack` returns a card to its place on the chart. */
export function cardDropHandlers(flow: Flow, personOf: (id: string) => Person | undefined, putBack: (id: string, position: XYPosition) => void) {
	let origin: { id: string; position: XYPosition } | null = null;
	let marked: string | null = null;

	function mark(id: string | null) {
		if (id === marked) return;
		cardElement(marked)?.removeAttribute('data-drop-target');
		cardElement(id)?.setAttribute('data-drop-target', 'true');
		marked = id;
	}

	/** The person card under the pointer, other than the one dragged. */
	function cardUnder(event: MouseEvent | TouchEvent, draggedId: string): string | null {
		const pointer = 'changedTouches' in event ? event.changedTouches[0] : event;
		if (!pointer) return null;
		const at = flow.screenToFlowPosition({ x: pointer.clientX, y: pointer.clientY });
		const hit = flow
			.getNodes()
			.find(
				(node) =>
					node.type === 'person' &&
					node.id !== draggedId &&
					at.x >= node.position.x &&
					at.x <= node.position.x + (node.width ?? 0) &&
					at.y >= node.position.y &&
					at.y <= node.position.y + (node.height ?? 0)
			);
		return hit?.id ?? null;
	}

	async function drop(id: string, targetId: string | null, from: XYPosition) {
		const person = personOf(id);
		const manager = targetId ? personOf(targetId) : undefined;
		const org = get(organization);
		if (!person || !manager || !org || manager.id === person.managerId) {
			putBack(id, from);
			return;
		}
		try {
			const { changeId } = await editPerson(org.id, person.id, { managerId: manager.id });
			showChange([person.id, manager.id, ...(person.managerId ? [person.managerId] : [])]);
			toastChange(`Moved ${person.name} to ${manager.name}.`, changeId);
		} catch (error) {
			putBack(id, from);
			showToast(error instanceof Error ? error.message : `${person.name} could not be moved.`, { kind: 'error' });
		}
	}

	return {
		onnodedragstart: ({ targetNode }: DragEvent) => {
			if (targetNode) origin = { id: targetNode.id, position: { ...targetNode.position } };
		},
		onnodedrag: ({ targetNode, event }: DragEvent) => {
			if (targetNode) mark(cardUnder(event, targetNode.id));
		},
		onnodedragstop: ({ targetNode, event }: DragEvent) => {
			mark(null);
			const from = origin;
			origin = null;
			if (!targetNode || !from || from.id !== targetNode.id) return;
			void drop(targetNode.id, cardUnder(event, targetNode.id), from.position);
		}
	};
}

function cardElement(id: string | null): HTMLElement | null {
	return id ? document.querySelector<HTMLElement>(`.svelte-flow__node[data-id="${CSS.escape(id)}"]`) : null;
}
