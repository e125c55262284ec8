/**
 * What a chart export draws, in chart pixels, from the layout the screen shows (so the export has
 * the current expansion): the cards, the "N more…" slots and the connectors, with the origin at the
 * exported area's top-left corner. The SVG and PDF writers only turn this into their own markup.
 * The subtree of a person is laid out again on its own, with the same people expanded.
 */
import type { Person } from '$lib/protocol';
import type { LoadedOrgView } from '$lib/stores/loaded-org';
import { colourFor, initialsOf } from '../../ui/avatar';
import { CARD_HEIGHT, CARD_WIDTH, STACK_INDENT, layoutChart, type ChartLayout } from '../layout';

/** Space around the chart in an export, in chart pixels. */
export const EXPORT_PADDING = 32;
/** Where a card's text starts (after the avatar), and how wide it may run. */
const TEXT_X = 67;
export const TEXT_WIDTH = CARD_WIDTH - TEXT_X - 14;
const AVATAR_RADIUS = 21;

export const FONTS = {
	name: { size: 14, weight: 600 },
	title: { size: 12.5, weight: 400 },
	department: { size: 11, weight: 500 },
	initials: { size: 15, weight: 600 },
	badge: { size: 11, weight: 600 }
} as const;
export type FontRole = keyof typeof FONTS;

export const COLOURS = { canvas: '#f7f8fb', surface: '#ffffff', border: '#e4e7ee', text: '#18202f', muted: '#5f6b7d', accent: '#4f46e5', line: '#b4bccb' };

export type DrawnText = { text: string; x: number; y: number; role: FontRole; colour: string; anchor: 'start' | 'middle' };
export type DrawnCard = {
	personId: string;
	/** The full name (the card's text may be shortened to fit). */
	name: string;
	x: number;
	y: number;
	dashed: boolean;
	avatar: { cx: number; cy: number; r: number; colour: string } | null;
	badge: { cx: number; cy: number; width: number } | null;
	texts: DrawnText[];
};
export type ChartDrawing = { width: number; height: number; cards: DrawnCard[]; connectors: [number, number][][] };

/** Width of `text` in chart pixels in a font role (the browser's canvas when there is one). */
export type MeasureText = (text: string, role: FontRole) => number;

export const estimateText: MeasureText = (text, role) => [...text].length * FONTS[role].size * 0.56;

/** A measurer with the browser's own fonts (the ones the PNG is rasterized with), else an estimate. */
export function canvasMeasurer(): MeasureText {
	const context = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
	if (!context) return estimateText;
	return (text, role) => {
		context.font = `${FONTS[role].weight} ${FONTS[role].size}px ${FONT_FAMILY}`;
		return context.measureText(text).width;
	};
}

export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';

/** `text` cut with an ellipsis to `width`. */
export function fitText(text: string, width: number, role: FontRole, measure: MeasureText): string {
	if (measure(text, role) <= width) return text;
	const chars = [...text];
	let low = 0;
	let high = chars.length;
	while (low < high) {
		const mid = Math.ceil((low + high) / 2);
		if (measure(chars.slice(0, mid).join('').trimEnd() + '…', role) <= width) low = mid;
		else high = mid - 1;
	}
	return chars.slice(0, low).join('').trimEnd() + '…';
}

/** The people under `rootId` that are loaded (the person included), in the list's order. */
export function subtreePeople(people: readonly Person[], layout: ChartLayout, rootId: string): Person[] {
	const inside = new Set<string>([rootId]);
	const stack = [rootId];
	while (stack.length) {
		const id = stack.pop() as string;
		for (const report of layout.tree.reportsOf.get(id) ?? []) {
			inside.add(report);
			stack.push(report);
		}
	}
	return people.filter((person) => inside.has(person.id));
}

/** The layout an export draws: the screen's, or the subtree of `rootId` laid out alone with the same expansion. */
export function exportLayout(
	layout: ChartLayout,
	people: readonly Person[],
	collapsed: ReadonlySet<string>,
	loaded: LoadedOrgView | null,
	rootId: string | null
): ChartLayout {
	if (rootId === null || !layout.tree.byId.has(rootId)) return layout;
	return layoutChart(subtreePeople(people, layout, rootId), collapsed, loaded);
}

export function drawChart(layout: ChartLayout, measure: MeasureText = estimateText): ChartDrawing {
	const boxes = [...layout.cards, ...layout.more];
	const minX = Math.min(...boxes.map((box) => box.x));
	const minY = Math.min(...boxes.map((box) => box.y));
	const maxX = Math.max(...boxes.map((box) => box.x + CARD_WIDTH));
	const maxY = Math.max(...boxes.map((box) => box.y + CARD_HEIGHT));
	const dx = EXPORT_PADDING - minX;
	const dy = EXPORT_PADDING - minY;
	const at = new Map(boxes.map((box) => [box.id, { x: box.x + dx, y: box.y + dy }]));

	const cards: DrawnCard[] = layout.cards.map((card) => {
		const x = card.x + dx;
		const y = card.y + dy;
		const person = card.person;
		const texts: DrawnText[] = [
			{ text: fitText(person.name, TEXT_WIDTH, 'name', measure), x: x + TEXT_X, y: y + (person.department ? 25 : 32), role: 'name', colour: COLOURS.text, anchor: 'start' },
			{ text: fitText(person.title, TEXT_WIDTH, 'title', measure), x: x + TEXT_X, y: y + (person.department ? 43 : 50), role: 'title', colour: COLOURS.muted, anchor: 'start' }
		];
		if (person.department) {
			texts.push({ text: fitText(person.department, TEXT_WIDTH, 'department', measure), x: x + TEXT_X, y: y + 60, role: 'department', colour: COLOURS.accent, anchor: 'start' });
		}
		const avatar = { cx: x + 14 + AVATAR_RADIUS, cy: y + CARD_HEIGHT / 2, r: AVATAR_RADIUS, colour: colourFor(person.name) };
		texts.push({ text: initialsOf(person.name), x: avatar.cx, y: avatar.cy + 5, role: 'initials', colour: '#ffffff', anchor: 'middle' });
		let badge: DrawnCard['badge'] = null;
		if (card.collapsed && card.hiddenReports > 0) {
			// People hidden under a collapsed card, as on screen.
			const label = `+${card.hiddenReports}`;
			badge = { cx: x + CARD_WIDTH / 2, cy: y + CARD_HEIGHT, width: Math.max(28, measure(label, 'badge') + 14) };
			texts.push({ text: label, x: badge.cx, y: badge.cy + 4, role: 'badge', colour: COLOURS.muted, anchor: 'middle' });
		}
		return { personId: card.id, name: person.name, x, y, dashed: false, avatar, badge, texts };
	});
	for (const slot of layout.more) {
		const x = slot.x + dx;
		const y = slot.y + dy;
		const text = `${slot.count} more not shown`;
		cards.push({ personId: slot.id, name: text, x, y, dashed: true, avatar: null, badge: null, texts: [{ text, x: x + CARD_WIDTH / 2, y: y + CARD_HEIGHT / 2 + 5, role: 'title', colour: COLOURS.muted, anchor: 'middle' }] });
	}

	const connectors: [number, number][][] = [];
	for (const link of layout.links) {
		const source = at.get(link.source);
		const target = at.get(link.target);
		if (!source || !target) continue;
		if (link.stacked) {
			// Down the left of the manager, then into the stacked card's left side.
			const sx = source.x + STACK_INDENT / 2;
			const ty = target.y + CARD_HEIGHT / 2;
			connectors.push([[sx, source.y + CARD_HEIGHT], [sx, ty], [target.x, ty]]);
		} else {
			const sx = source.x + CARD_WIDTH / 2;
			const tx = target.x + CARD_WIDTH / 2;
			const sy = source.y + CARD_HEIGHT;
			const mid = (sy + target.y) / 2;
			connectors.push(sx === tx ? [[sx, sy], [tx, target.y]] : [[sx, sy], [sx, mid], [tx, mid], [tx, target.y]]);
		}
	}
	return { width: maxX - minX + 2 * EXPORT_PADDING, height: maxY - minY + 2 * EXPORT_PADDING, cards, connectors };
}
