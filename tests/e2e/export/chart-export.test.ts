/**
 * Chart export in a real browser, under the page's Content-Security-Policy (any violation is a
 * console error, which fails the test): the Export menu downloads a PNG at twice the chart's size
 * that is not blank, an SVG whose names are text (a name with markup in it stays text), and a PDF
 * that opens and whose text has the names (read with poppler's pdftotext). Exporting a selected
 * person's team holds that team only, as expanded on screen.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { chromiumAvailable, chromiumPath, revealPeople, useBrowserSession } from '../../helpers/browser';

const pdftotextAvailable = existsSync('/usr/bin/pdftotext');
if (!pdftotextAvailable && process.env.CI) throw new Error('CI needs pdftotext (.ci/run installs poppler-utils) for the chart export test.');

const downloads = mkdtempSync(join(tmpdir(), 'organichart-export-'));
afterAll(() => rmSync(downloads, { recursive: true, force: true }));

/** Names that must stay text: markup and an ampersand. */
const MARKUP_NAME = '<i>Ana</i> & Bo';
const MARKUP_TITLE = '<img src=x onerror=1>';
const AMPERSAND_NAME = 'Rosa & Tim Ng';
const EXPORT_PADDING = 32;
const CARD = { width: 248, height: 76 };

type Person = { id: string; name: string; managerId: string | null };

/** Opens the Export menu, picks the scope and format, and saves the download; returns its path. */
async function exportChart(page: Page, format: 'PNG' | 'SVG' | 'PDF', scope: 'Whole chart' | RegExp = 'Whole chart'): Promise<string> {
	const menu = page.getByTestId('chart-export-menu');
	if (!(await menu.isVisible())) await page.getByRole('button', { name: 'Export', exact: true }).click();
	await menu.getByRole('radio', { name: scope }).check();
	const [download] = await Promise.all([page.waitForEvent('download'), menu.getByRole('button', { name: format, exact: true }).click()]);
	const path = join(downloads, download.suggestedFilename());
	await download.saveAs(path);
	await expect.poll(() => menu.getByTestId('chart-export-status').textContent()).toContain('Saved');
	return path;
}

/** The names on the chart's cards, and the exported area (the cards' bounds plus the padding) in chart pixels. */
async function shownChart(page: Page): Promise<{ names: string[]; width: number; height: number }> {
	return page.evaluate(
		({ card, padding }) => {
			const nodes = [...document.querySelectorAll<HTMLElement>('.svelte-flow__node')];
			const at = nodes.map((node) => {
				const match = /translate\(\s*(-?[\d.]+)px\s*,\s*(-?[\d.]+)px/.exec(node.style.transform);
				return { x: Number(match?.[1]), y: Number(match?.[2]) };
			});
			const xs = at.map((point) => point.x);
			const ys = at.map((point) => point.y);
			return {
				names: [...document.querySelectorAll<HTMLElement>('[data-testid="person-card"]')].map((element) => element.dataset.personName ?? ''),
				width: Math.max(...xs) + card.width - Math.min(...xs) + 2 * padding,
				height: Math.max(...ys) + card.height - Math.min(...ys) + 2 * padding
			};
		},
		{ card: CARD, padding: EXPORT_PADDING }
	);
}

/** The SVG as the browser parses it: its size, each person group's id and its text, and whether it holds any non-SVG element. */
async function readSvg(page: Page, svg: string) {
	return page.evaluate((source) => {
		const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
		const root = doc.documentElement;
		return {
			parsed: root.nodeName === 'svg' && doc.getElementsByTagName('parsererror').length === 0,
			width: Number(root.getAttribute('width')),
			height: Number(root.getAttribute('height')),
			people: [...root.querySelectorAll('g[data-person-id]')].map((group) => ({
				id: group.getAttribute('data-person-id') ?? '',
				texts: [...group.querySelectorAll('text')].map((text) => text.textContent ?? '')
			})),
			foreign: [...root.querySelectorAll('*')].filter((element) => element.namespaceURI !== 'http://www.w3.org/2000/svg').map((element) => element.nodeName)
		};
	}, svg);
}

const pdfText = (path: string) => execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });

describe.skipIf(!chromiumAvailable || !pdftotextAvailable)(`chart export (Chromium at ${chromiumPath})`, () => {
	const ui = useBrowserSession({}, { width: 1280, height: 800 });
	let everyone: Person[] = [];
	beforeAll(async () => {
		ui.page.setDefaultTimeout(10_000);
		const add = async (name: string, title: string, manager: string) => {
			const response = await ui.app.fetch('/api/orgs/acme/people', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, title, manager }) });
			expect(response.status, await response.clone().text()).toBe(201);
		};
		await add(MARKUP_NAME, MARKUP_TITLE, 'Jane Smith');
		await add(AMPERSAND_NAME, 'R&D Engineer', 'Jane Smith');
		everyone = ((await (await ui.app.fetch('/api/orgs/acme/people')).json()) as { people: Person[] }).people;
	});
	afterEach(() => expect(ui.problems.splice(0)).toEqual([]));

	test('the whole chart: a 2× PNG that is not blank, an SVG with the names as text, a PDF with the names', async () => {
		const { page } = ui;
		await page.goto(ui.app.url);
		await page.locator('[data-testid="person-card"][data-person-name="Margaret Chen"]').waitFor({ timeout: 30_000 });
		// The first view folds the deeper teams; the people with markup in their names are brought on screen.
		await revealPeople(page, [AMPERSAND_NAME, MARKUP_NAME, 'Olivia Brown']);
		const shown = await shownChart(page);
		expect(shown.names).toEqual(expect.arrayContaining([AMPERSAND_NAME, MARKUP_NAME, 'Jane Smith', 'José García', 'Margaret Chen']));
		expect(shown.names.length).toBeLessThan(everyone.length);

		const png = PNG.sync.read(readFileSync(await exportChart(page, 'PNG')));
		expect(png.width).toBe(Math.floor(shown.width * 2));
		expect(png.height).toBe(Math.floor(shown.height * 2));
		// Not blank: a good part of the image differs from the background (cards, avatars, text, lines), in several colours.
		const background = png.data.readUInt32BE(0);
		let differing = 0;
		const colours = new Set<number>();
		for (let offset = 0; offset < png.data.length; offset += 4) {
			const pixel = png.data.readUInt32BE(offset);
			if (pixel !== background) differing++;
			if (offset % 64 === 0) colours.add(pixel);
		}
		expect(differing / (png.width * png.height)).toBeGreaterThan(0.2);
		expect(colours.size).toBeGreaterThan(20);

		const svgPath = await exportChart(page, 'SVG');
		const svgSource = readFileSync(svgPath, 'utf8');
		const svg = await readSvg(page, svgSource);
		expect(svg.parsed).toBe(true);
		expect(svg.width).toBeCloseTo(shown.width, 1);
		expect(svg.height).toBeCloseTo(shown.height, 1);
		expect(svg.foreign).toEqual([]);
		expect(svg.people.map((person) => person.texts[0]).sort()).toEqual([...shown.names].sort());
		const markup = svg.people.find((person) => person.texts[0] === MARKUP_NAME)!;
		expect(markup.texts[1]).toBe(MARKUP_TITLE);
		expect(svgSource).toContain('&lt;i&gt;Ana&lt;/i&gt; &amp; Bo');
		expect(svgSource).not.toMatch(/<img|<i>/);

		const pdf = await exportChart(page, 'PDF');
		expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
		const text = pdfText(pdf);
		for (const name of shown.names) expect(text, name).toContain(name);
		expect(text).toContain(MARKUP_TITLE);
	});

	test("a selected person's team, as expanded on screen, and nobody else", async () => {
		const { page } = ui;
		await page.goto(ui.app.url);
		const card = (name: string) => page.locator(`[data-testid="person-card"][data-person-name="${name}"]`);
		await card('Margaret Chen').waitFor({ timeout: 30_000 });
		// Jane Smith's and Marcus Johnson's teams on screen; then Marcus's is folded away: the export leaves it out too.
		await revealPeople(page, [AMPERSAND_NAME, 'Olivia Brown', 'José García']);
		await page.getByRole('button', { name: 'Hide the 5 reports of Marcus Johnson' }).click();
		await card('Olivia Brown').waitFor({ state: 'detached' });
		await card('José García').click();

		const byId = new Map(everyone.map((person) => [person.id, person]));
		const jose = everyone.find((person) => person.name === 'José García')!;
		const marcus = everyone.find((person) => person.name === 'Marcus Johnson')!;
		const under = (person: Person, top: Person): boolean => {
			for (let at: Person | undefined = person; at; at = at.managerId ? byId.get(at.managerId) : undefined) {
				if (at.id === top.id) return true;
				if (at.id === marcus.id && person.id !== marcus.id) return false;
			}
			return false;
		};
		const team = everyone.filter((person) => under(person, jose));
		expect(team.map((person) => person.name)).toEqual(expect.arrayContaining(['José García', 'Jane Smith', 'Marcus Johnson', MARKUP_NAME, AMPERSAND_NAME]));
		expect(team.map((person) => person.name)).not.toContain('Olivia Brown');

		const svg = await readSvg(page, readFileSync(await exportChart(page, 'SVG', /José García and team/), 'utf8'));
		expect(svg.people.map((person) => person.id).sort()).toEqual(team.map((person) => person.id).sort());
		expect(svg.people.map((person) => person.texts[0]).sort()).toEqual(team.map((person) => person.name).sort());
		// Marcus Johnson shows as collapsed, with the people folded under him.
		expect(svg.people.find((person) => person.id === marcus.id)!.texts).toContain('+5');

		const text = pdfText(await exportChart(page, 'PDF', /José García and team/));
		for (const person of team) expect(text, person.name).toContain(person.name);
		for (const outsider of ['Margaret Chen', 'Olivia Brown', 'Hannah Müller', 'David Okafor']) expect(text).not.toContain(outsider);

		const png = PNG.sync.read(readFileSync(await exportChart(page, 'PNG', /José García and team/)));
		expect(png.width).toBe(Math.floor(svg.width * 2));
		expect(png.height).toBe(Math.floor(svg.height * 2));
	});
});
