/**
 * Org scale, the chart in Chromium: generated organizations of 1,000, 10,000 and 100,000 people
 * served by the built app, opened in headless Chromium (playwright-core). For each: time from
 * navigation to the first card on screen, search-and-fly-to (type a deep person's email, pick them,
 * until their card is on screen and centred), expanding a manager (click until their reports are
 * drawn), and frame times while the chart is dragged around. The 1,000-person org, measured in the
 * same run, is the baseline.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { chartProbeScript } from '../lib/chart-probe';
import type { GeneratedPerson } from '../lib/generate-org';
import { median, ms, p99, quantile, ratio } from '../lib/stats';
import type { BenchContext, BenchSuite, Goal, Table } from '../lib/suite';
import { signIn } from '../../tests/helpers/app-server';
import { startAppWithGeneratedOrgs, type GeneratedOrg } from '../../tests/helpers/generated-orgs';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];
const VIEWPORT = { width: 1440, height: 900 };
/** The goals for the chart at 100,000 people. */
const GOALS = { openMs: 1500, flyMs: 300, fps: 50 };

type Figures = { open: number[]; fly: number[]; searchAnswer: number[]; expand: number[]; frames: number[]; cards: number };
type Probe = { [name: string]: (...args: never[]) => unknown };

export const chartScaleSuite: BenchSuite = {
	id: 'chart-scale',
	title: 'Org scale: the chart in Chromium',
	async run(context) {
		const sizes = context.smoke ? [200] : [1_000, 10_000, 100_000];
		const iterations = context.smoke ? 2 : 5;
		const specs = sizes.map((size) => ({ slug: `chart-${size}`, name: `Chart ${size}`, size }));
		context.log(`generating and inserting ${sizes.join(', ')} people (${context.databaseUrl ? 'PostgreSQL' : 'PGlite'})`);
		const served = await startAppWithGeneratedOrgs(specs, { databaseUrl: context.databaseUrl, log: context.log });
		let browser: Browser | undefined;
		const results = new Map<number, Figures>();
		try {
			browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_FLAGS });
			const admin = served.app.admin!;
			const { cookie } = await signIn(served.app.url, admin.email, admin.password);
			const [name, value] = cookie.split('=');
			const browserContext = await browser.newContext({ viewport: VIEWPORT });
			await browserContext.addCookies([{ name, value, url: served.app.url }]);
			await browserContext.addInitScript(chartProbeScript);
			for (const org of served.orgs) {
				context.log(`measuring ${org.size} people`);
				const page = await browserContext.newPage();
				try {
					results.set(org.size, await measure(page, `${served.app.url}/?org=${org.slug}`, org, iterations, context));
				} finally {
					await page.close();
				}
			}
		} finally {
			await browser?.close();
			await served.stop();
		}
		return report(sizes, results, context);
	}
};

async function measure(page: Page, url: string, org: GeneratedOrg, iterations: number, context: BenchContext): Promise<Figures> {
	const probe = <T>(call: string, ...args: unknown[]) =>
		page.evaluate(([name, values]) => (window as unknown as { __chartProbe: Probe }).__chartProbe[name as string](...(values as never[])), [call, args] as const) as Promise<T>;
	const open = async () => {
		await page.goto(url, { waitUntil: 'commit' });
		await page.waitForFunction(() => (window as unknown as { __chartProbe?: Probe }).__chartProbe?.firstCardAt() != null, null, { timeout: 60_000 });
		return probe<number>('firstCardAt');
	};
	const figures: Figures = { open: [], fly: [], searchAnswer: [], expand: [], frames: [], cards: 0 };
	await open(); // warm the browser's cache and the server, as a returning user has them
	for (let index = 0; index < iterations; index++) figures.open.push(await open());
	await page.waitForTimeout(300);
	for (let index = 0; index < iterations; index++) figures.expand.push(await probe<number>('expand'));
	for (const person of deepPeople(org.people, iterations)) {
		const { ms: flyMs, found } = await probe<{ ms: number; found: number }>('flyTo', person.email, person.id);
		figures.fly.push(flyMs);
		figures.searchAnswer.push(found);
	}
	// Panning: the top of the chart with a few managers opened, zoomed out, dragged in a circle.
	await open();
	for (let index = 0; index < 3; index++) await probe('expand');
	for (let index = 0; index < 2; index++) await page.locator('.svelte-flow__controls-zoomout').click();
	await page.waitForTimeout(600);
	figures.cards = await probe<number>('cardsDrawn');
	const start = await probe<{ x: number; y: number }>('emptyPoint');
	await page.mouse.move(start.x, start.y);
	await page.mouse.down();
	await probe('startFrames');
	const steps = context.smoke ? 30 : 150;
	const began = performance.now();
	for (let step = 1; step <= steps; step++) {
		const angle = (step / steps) * 4 * Math.PI;
		await page.mouse.move(start.x + 260 * Math.sin(angle), start.y + 160 * (1 - Math.cos(angle)));
		// One pointer move per display frame, as a hand dragging the chart makes them.
		const wait = began + step * 16.7 - performance.now();
		if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
	}
	figures.frames = await probe<number[]>('stopFrames');
	await page.mouse.up();
	return figures;
}

/** `count` of the deepest people, spread over the organization. */
function deepPeople(people: readonly GeneratedPerson[], count: number): GeneratedPerson[] {
	const deepest = Math.max(...people.map((person) => person.level));
	const candidates = people.filter((person) => person.level === deepest);
	return Array.from({ length: count }, (_, index) => candidates[Math.floor(((index + 0.5) * candidates.length) / count)]);
}

function report(sizes: number[], results: Map<number, Figures>, context: BenchContext) {
	const baseline = results.get(sizes[0])!;
	const fps = (frames: number[]) => 1000 / (frames.reduce((sum, frame) => sum + frame, 0) / frames.length);
	const table: Table = {
		title: `The chart at scale (${context.databaseUrl ? 'PostgreSQL' : 'PGlite'})`,
		description:
			'Medians over the iterations; ratios to the smallest org of the same run. Opens: navigation to the first card on screen. ' +
			'Search-and-fly-to: typing a deepest-level person’s email (names repeat in a large org) until their card is on screen and centred. ' +
			'Expand: clicking a collapsed manager until their reports are drawn. Panning: a 2.5 s circular drag, zoomed out, with a few managers open.',
		columns: ['people', 'opens', 'vs base', 'search-and-fly-to', 'vs base', 'expand', 'vs base', 'panning fps', 'p99 frame', 'cards drawn'],
		rows: sizes.map((size) => {
			const figures = results.get(size)!;
			return [
				size.toLocaleString('en-US'),
				ms(median(figures.open)),
				ratio(median(figures.open), median(baseline.open)),
				ms(median(figures.fly)),
				ratio(median(figures.fly), median(baseline.fly)),
				ms(median(figures.expand)),
				ratio(median(figures.expand), median(baseline.expand)),
				fps(figures.frames).toFixed(0),
				ms(p99(figures.frames)),
				figures.cards
			];
		})
	};
	const largest = sizes[sizes.length - 1];
	const top = results.get(largest)!;
	const at = `at ${largest.toLocaleString('en-US')} people`;
	const goals: Goal[] = [
		{ name: `chart opens ${at} (p50)`, target: `< ${GOALS.openMs} ms`, measured: ms(median(top.open)), met: median(top.open) < GOALS.openMs },
		{ name: `search-and-fly-to ${at} (p50)`, target: `< ${GOALS.flyMs} ms`, measured: ms(median(top.fly)), met: median(top.fly) < GOALS.flyMs },
		{ name: `panning ${at}`, target: `≥ ${GOALS.fps} fps`, measured: `${fps(top.frames).toFixed(0)} fps`, met: fps(top.frames) >= GOALS.fps }
	];
	const notes = [
		`Slowest of the iterations ${at}: opens ${ms(Math.max(...top.open))}, search-and-fly-to ${ms(Math.max(...top.fly))} ` +
			`(of which the search answer ${ms(median(top.searchAnswer))} p50), expand ${ms(Math.max(...top.expand))}; frame time p90 ${ms(quantile(top.frames, 0.9))}.`
	];
	return { tables: [table], goals, notes, data: Object.fromEntries([...results].map(([size, figures]) => [size, figures])) };
}
