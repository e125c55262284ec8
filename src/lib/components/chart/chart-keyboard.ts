/**
 * Moving between cards with the arrow keys: up to the manager, down to the first report, left and
 * right to the previous and next peer. Works on what is on screen (the visible reports, in order).
 */
import type { ChartLayout } from './layout';

export type ChartKey = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight';
export const chartKeys: readonly string[] = ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'];

/**
 * The card to move to from `id`, or null when there is none that way. Down from a collapsed
 * manager answers `{ expand }`: the reports must be shown first.
 */
export function nextCard(layout: ChartLayout, id: string, key: ChartKey): { id: string } | { expand: string } | null {
	const visible = new Set(layout.cards.map((card) => card.id));
	const { tree } = layout;
	const managerId = tree.managerOf.get(id) ?? null;
	if (key === 'ArrowUp') return managerId && visible.has(managerId) ? { id: managerId } : null;
	if (key === 'ArrowDown') {
		const first = (tree.reportsOf.get(id) ?? []).find((report) => visible.has(report));
		if (first) return { id: first };
		const card = layout.cards.find((candidate) => candidate.id === id);
		return card?.collapsed ? { expand: id } : null;
	}
	const peers = (managerId === null ? tree.roots : (tree.reportsOf.get(managerId) ?? [])).filter((peer) => visible.has(peer));
	const index = peers.indexOf(id);
	const next = peers[index + (key === 'ArrowRight' ? 1 : -1)];
	return index >= 0 && next ? { id: next } : null;
}
