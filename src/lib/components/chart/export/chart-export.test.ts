import { describe, expect, it } from 'vitest';
import type { Person } from '$lib/protocol';
import { CARD_HEIGHT, CARD_WIDTH, layoutChart } from '../layout';
import { EXPORT_PADDING, drawChart, exportLayout, fitText, estimateText } from './chart-drawing';
import { chartPdf, chartSvg, escapeXml, lettersPdfLacks } from './chart-export';

const person = (id: string, name: string, managerId: string | null): Person => ({
	id,
	name,
	title: 'Engineer',
	department: 'R&D',
	email: null,
	location: null,
	managerId,
	vacancy: false,
	dottedLineManagerIds: []
});

const people = [
	person('ceo', 'Ada Root', null),
	person('a', 'Ben <b>Bold</b>', 'ceo'),
	person('a1', 'Cy & Co', 'a'),
	person('a2', 'Dee', 'a'),
	person('b', 'Eve', 'ceo'),
	person('b1', 'Fay', 'b'),
	person('b2', 'Gus', 'b')
];

describe('chart export drawing', () => {
	it('covers the cards plus the padding, with the cards moved to start at the padding', () => {
		const layout = layoutChart(people, new Set());
		const drawing = drawChart(layout);
		const xs = layout.cards.map((card) => card.x);
		const ys = layout.cards.map((card) => card.y);
		expect(drawing.width).toBeCloseTo(Math.max(...xs) - Math.min(...xs) + CARD_WIDTH + 2 * EXPORT_PADDING);
		expect(drawing.height).toBeCloseTo(Math.max(...ys) - Math.min(...ys) + CARD_HEIGHT + 2 * EXPORT_PADDING);
		expect(Math.min(...drawing.cards.map((card) => card.x))).toBeCloseTo(EXPORT_PADDING);
		expect(drawing.connectors).toHaveLength(people.length - 1);
	});

	it("a person's team is laid out alone, with the same people folded", () => {
		const everyone = layoutChart(people, new Set(['a']));
		const team = exportLayout(everyone, people, new Set(['a']), null, 'a');
		expect(team.cards.map((card) => card.id)).toEqual(['a']);
		expect(team.cards[0]).toMatchObject({ collapsed: true, hiddenReports: 2 });
		const open = exportLayout(layoutChart(people, new Set()), people, new Set(), null, 'b');
		expect(open.cards.map((card) => card.id).sort()).toEqual(['b', 'b1', 'b2']);
		expect(drawChart(open).cards.find((card) => card.personId === 'b')!.texts[0].text).toBe('Eve');
	});

	it('a partly loaded organization exports what is loaded: unloaded teams folded, the rest as "N more"', () => {
		// Loaded: the root, a (2 of 40 reports) and b (none of its 3 loaded).
		const loaded = [person('ceo', 'Ada Root', null), person('a', 'Ben', 'ceo'), person('a1', 'Cy', 'a'), person('a2', 'Dee', 'a'), person('b', 'Eve', 'ceo')];
		const view = { total: 46, reportCount: new Map([['ceo', 2], ['a', 40], ['b', 3]]), notLoaded: new Map([['a', 38]]) };
		const drawing = drawChart(exportLayout(layoutChart(loaded, new Set(), view), loaded, new Set(), view, 'a'));
		expect(drawing.cards.map((card) => card.texts[0].text)).toEqual(['Ben', 'Cy', 'Dee', '38 more not shown']);
		const whole = drawChart(layoutChart(loaded, new Set(), view));
		expect(whole.cards.find((card) => card.personId === 'b')!.texts.map((text) => text.text)).toContain('+3');
	});

	it('shortens text that does not fit with an ellipsis', () => {
		expect(fitText('Short', 100, 'name', estimateText)).toBe('Short');
		const long = fitText('A very long name that cannot possibly fit on a card', 120, 'name', estimateText);
		expect(long.endsWith('…')).toBe(true);
		expect(estimateText(long, 'name')).toBeLessThanOrEqual(120);
	});
});

describe('chart SVG', () => {
	it('writes names as escaped text, never as markup', () => {
		const svg = chartSvg(drawChart(layoutChart(people, new Set())), 'Acme & <Co>');
		expect(svg).toContain('>Ben &lt;b&gt;Bold&lt;/b&gt;</text>');
		expect(svg).toContain('>Cy &amp; Co</text>');
		expect(svg).toContain('<title>Acme &amp; &lt;Co&gt;</title>');
		expect(svg).not.toContain('<b>');
		expect(escapeXml(`"'<>&`)).toBe('&quot;&#39;&lt;&gt;&amp;');
	});
});

describe('PDF fonts', () => {
	it("names the letters the PDF's built-in font lacks, not Western European ones", () => {
		const drawing = drawChart(layoutChart([person('x', 'Zoë Ørsted – “Š”…', null), person('y', 'Łukasz 王伟', 'x')], new Set()));
		expect(lettersPdfLacks(drawing)).toEqual(['Ł', '王', '伟']);
	});
});

describe('chart PDF', () => {
	it('is one page when the chart fits readably, else split over A4 pages', async () => {
		const small = await chartPdf(drawChart(layoutChart(people, new Set())), 'Small');
		expect(small.pages).toBe(1);
		expect(new TextDecoder().decode((await small.blob.arrayBuffer()).slice(0, 5))).toBe('%PDF-');
		// 30 managers side by side, each with one report: about 8,300 px wide, two levels deep.
		const wide = [person('root', 'Root', null)];
		for (let index = 0; index < 30; index++) wide.push(person(`m${index}`, `Manager ${index}`, 'root'), person(`r${index}`, `Report ${index}`, `m${index}`));
		const drawing = drawChart(layoutChart(wide, new Set()));
		const { pages } = await chartPdf(drawing, 'Wide');
		// At the smallest readable scale (0.5 × 0.75 pt a pixel) an A4 landscape page holds 794 / 0.375 px across.
		expect(pages).toBe(Math.ceil(drawing.width / (794 / 0.375)) * Math.ceil(drawing.height / (547 / 0.375)));
		expect(pages).toBeGreaterThan(2);
	});
});
