/**
 * Fitting the chart without making it unreadable: when the whole of it would need a zoom below
 * the readable one, the deeper levels are collapsed until what is left fits.
 */
import type { Person } from '$lib/protocol';
import type { LoadedOrgView } from '$lib/stores/loaded-org';
import { CARD_HEIGHT, CARD_WIDTH, layoutChart, type ChartLayout } from './layout';
import { countDescendants, depthsOf } from './reporting-tree';

/**
 * The smallest zoom at which a card's text is still at least 11 px on screen (its smallest text,
 * the title and the department, is 12 px).
 */
export const READABLE_ZOOM = 11 / 12;
/** Room kept around a fitted chart, as a share of its size. */
export const FIT_PADDING = 0.08;

export type Bounds = { x: number; y: number; width: number; height: number };

/** The box around every card of a layout. */
export function layoutBounds(layout: ChartLayout): Bounds {
	const boxes = [...layout.cards, ...layout.more];
	if (boxes.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
	const minX = Math.min(...boxes.map((box) => box.x));
	const minY = Math.min(...boxes.map((box) => box.y));
	const maxX = Math.max(...boxes.map((box) => box.x + CARD_WIDTH));
	const maxY = Math.max(...boxes.map((box) => box.y + CARD_HEIGHT));
	return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/** The zoom that fits `bounds` into a pane (with padding), at most 1. */
export function fitZoom(bounds: Bounds, paneWidth: number, paneHeight: number): number {
	if (bounds.width === 0 || paneWidth === 0 || paneHeight === 0) return 1;
	const pad = 1 + 2 * FIT_PADDING;
	return Math.min(paneWidth / (bounds.width * pad), paneHeight / (bounds.height * pad), 1);
}

/** How many layouts a fit may try per level: a level with many managers is collapsed in batches. */
const TRIES_PER_LEVEL = 10;

/**
 * What "fit" shows: `collapsed` itself when the chart fits at a readable zoom, or else the same
 * with managers collapsed, deepest level first and the biggest teams first, until it fits (the
 * top two levels always show). `fits` is false when even that is too big: the view then shows the
 * top of the chart at the readable zoom.
 */
export function readableFit(
	people: readonly Person[],
	collapsed: ReadonlySet<string>,
	loaded: LoadedOrgView | null,
	paneWidth: number,
	paneHeight: number
): { collapsed: ReadonlySet<string>; layout: ChartLayout; fits: boolean } {
	let layout = layoutChart(people, collapsed, loaded);
	const fits = (candidate: ChartLayout) => fitZoom(layoutBounds(candidate), paneWidth, paneHeight) >= READABLE_ZOOM;
	if (fits(layout)) return { collapsed, layout, fits: true };
	const { tree } = layout;
	const depths = depthsOf(tree);
	const descendants = countDescendants(tree);
	const open = layout.cards.filter((card) => card.directReports > 0 && !card.collapsed).map((card) => card.id);
	const deepest = Math.max(0, ...open.map((id) => depths.get(id) ?? 0));
	let next = new Set(collapsed);
	for (let depth = deepest; depth >= 1; depth--) {
		const level = open.filter((id) => depths.get(id) === depth).sort((a, b) => (descendants.get(b) ?? 0) - (descendants.get(a) ?? 0));
		const batch = Math.max(1, Math.ceil(level.length / TRIES_PER_LEVEL));
		for (let index = 0; index < level.length; index += batch) {
			next = new Set([...next, ...level.slice(index, index + batch)]);
			layout = layoutChart(people, next, loaded);
			if (fits(layout)) return { collapsed: next, layout, fits: true };
		}
	}
	return { collapsed: next, layout, fits: false };
}
