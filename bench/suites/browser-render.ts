/**
 * The chat panel in Chromium: a 20,000-token markdown answer (paragraphs, lists, code blocks,
 * tables) streamed at 200 tokens/s by a local OpenAI-format upstream (a separate process) through
 * the built app into the real panel, beside the guide's page (whole history rebuilt, all markdown
 * re-rendered per token) fed the same stream in the same run.
 */
import { cpus, loadavg } from 'node:os';
import { chromiumAvailable, chromiumPath, launchBrowser, signInPage } from '../../tests/helpers/browser';
import { startAppServer, type AppServer } from '../../tests/helpers/app-server';
import { measureStreamedPage, startPacedUpstream, type PageFigures, type PacedUpstream } from '../lib/streamed-page';
import { ms, ratio } from '../lib/stats';
import type { BenchSuite, Cell } from '../lib/suite';

const FULL = { tokens: 20_000, rate: 200, window: 1_000, hiddenMs: 3_000 };
const SMOKE = { tokens: 300, rate: 300, window: 100, hiddenMs: 250 };
/** A hidden tab is caught up "at once" when everything is on screen within this long of being shown. */
const AT_ONCE_MS = 100;

const perToken = (value: number) => `${value.toFixed(3)} ms`;

export const browserRenderSuite: BenchSuite = {
	id: 'browser-render',
	title: 'Chat panel in Chromium: a long markdown answer streamed at 200 tokens/s',
	async run(context) {
		if (!chromiumAvailable) throw new Error(`The browser-render bench needs Chromium at ${chromiumPath} (CHROMIUM_PATH).`);
		const sizes = context.smoke ? SMOKE : FULL;
		const loadBefore = loadavg()[0];
		const streamSeconds = sizes.tokens / sizes.rate;
		let upstream: PacedUpstream | undefined;
		let app: AppServer | undefined;
		const browser = await launchBrowser();
		let panel: PageFigures;
		let guide: PageFigures;
		try {
			upstream = await startPacedUpstream(sizes, Math.ceil(streamSeconds * 4 + 300));
			app = await startAppServer({ OPENAI_BASE_URL: `${upstream.url}/v1`, OPENAI_API_KEY: 'sk-bench', OPENAI_MODEL: 'bench-model' });
			const signedInApp = app;
			context.log(`OrganiChart's chat panel: ${sizes.tokens} tokens at ${sizes.rate} tokens/s`);
			panel = await measureStreamedPage(browser, upstream, sizes, {
				answerSelector: '[data-testid="assistant-message"]',
				async open(page) {
					await signInPage(page, signedInApp);
					await page.goto(signedInApp.url);
					await page.locator('[data-testid="person-card"]').first().waitFor({ timeout: 30_000 });
				},
				async send(page) {
					const box = page.getByRole('textbox', { name: 'Message' });
					await box.fill('Write me the long report.');
					await box.press('Enter');
				}
			}, context.log);
			context.log("the guide's page: the same stream");
			const guideUrl = `${upstream.url}/guide`;
			guide = await measureStreamedPage(browser, upstream, sizes, {
				answerSelector: '[data-testid="assistant-message"]',
				open: async (page) => void (await page.goto(guideUrl)),
				send: async (page) => void (await page.evaluate('void window.startGuideChat()'))
			}, context.log);
		} finally {
			await browser.close();
			await app?.stop();
			await upstream?.stop();
		}

		const drift = (figures: PageFigures) => figures.lastPerToken / figures.firstPerToken;
		const frames = (figures: PageFigures) => `${figures.droppedFrames} of ${figures.frames + figures.droppedFrames} (${((100 * figures.droppedFrames) / (figures.frames + figures.droppedFrames)).toFixed(1)} %)`;
		const row = (name: string, value: (figures: PageFigures) => number, format: (n: number) => string): Cell[] => [
			name,
			format(value(guide)),
			format(value(panel)),
			ratio(value(panel), value(guide))
		];
		const window = sizes.window.toLocaleString('en');
		const table = {
			title: `${sizes.tokens.toLocaleString('en')}-token markdown answer at ${sizes.rate} tokens/s, Chromium ${context.smoke ? '(smoke sizes)' : ''}`.trim(),
			description:
				'Main-thread time: the CPU time of the top-level tasks of the page’s renderer main thread (Chromium trace) while the upstream wrote those tokens, divided by their count. Dropped frames: from an animation-frame sampler in the page while it was visible.',
			columns: ['', "guide's page (baseline)", 'OrganiChart panel', 'panel / guide'],
			rows: [
				row(`main thread per token, first ${window} tokens`, (f) => f.firstPerToken, perToken),
				row(`main thread per token, last ${window} tokens`, (f) => f.lastPerToken, perToken),
				row('last / first', drift, (n) => `${n.toFixed(2)}×`),
				row(`frames drawn per second, first ${window} tokens`, (f) => f.firstFps, (n) => n.toFixed(0)),
				row(`frames drawn per second, last ${window} tokens`, (f) => f.lastFps, (n) => n.toFixed(0)),
				row('main thread per token, whole answer', (f) => f.wholePerToken, perToken),
				row('longest task (main-thread CPU)', (f) => f.longestTask, ms),
				row('longest task (wall clock)', (f) => f.longestTaskWall, ms),
				['dropped frames (visible)', frames(guide), frames(panel), ratio(panel.droppedFrames, guide.droppedFrames)],
				row('last token received → all text on screen', (f) => f.endLagMs, ms),
				[
					'hidden tab shown → all text received on screen',
					`${ms(guide.catchUpMs)} (${guide.hiddenTokens} tokens came while hidden)`,
					`${ms(panel.catchUpMs)} (${panel.hiddenTokens} tokens came while hidden)`,
					ratio(panel.catchUpMs, guide.catchUpMs)
				]
			]
		};
		const goals = [
			{ name: 'panel: main thread per token, last / first 1,000 tokens', target: '≤ 1.5×', measured: `${drift(panel).toFixed(2)}×`, met: drift(panel) <= 1.5 },
			{ name: 'panel: longest main-thread task while streaming', target: '< 50 ms', measured: ms(panel.longestTask), met: panel.longestTask < 50 },
			{ name: 'panel: a hidden tab catches up at once when shown', target: `≤ ${AT_ONCE_MS} ms`, measured: ms(panel.catchUpMs), met: panel.catchUpMs <= AT_ONCE_MS }
		];
		const problems = [...panel.problems.map((problem) => `panel: ${problem}`), ...guide.problems.map((problem) => `guide: ${problem}`)];
		if (problems.length) throw new Error(`The pages reported problems:\n${problems.join('\n')}`);
		const notes = [
			`Machine load (1-minute average) ${loadBefore.toFixed(1)} before and ${loadavg()[0].toFixed(1)} after, on ${cpus().length} cores: wall-clock figures (the longest task's wall time, lags) stretch with it, CPU times much less.`,
			'Headless Chromium never hides a page (a tab in front or a minimized window leave document.visibilityState "visible" and frames running), so the bench applies what Chromium does to a background tab: visibilityState "hidden" with a visibilitychange event, no animation-frame callbacks until shown, timers woken at most once a second (bench/lib/browser/frame-probe.js).',
			`Each page is fed its own copy of the same stream from the same upstream process: the panel through the built app (OPENAI_BASE_URL), the guide's page directly. Busy time counts everything the page's main thread does, including reading the stream, so the first ${window} tokens are the baseline each page is compared with.`
		];
		return { tables: [table], goals, notes, data: { sizes, panel, guide } };
	}
};
