/**
 * Measures one chat page in Chromium while the paced upstream streams the bench's answer into it:
 * main-thread busy time per token (from a trace), the longest task, dropped frames, how long a
 * hidden tab takes to show everything once shown, and how long after the last token all text is on
 * screen. Used for the real chat panel and for the guide's page alike.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { watchPage } from '../../tests/helpers/browser';
import { lastMarkerWithin, markdownAnswerTokens } from './markdown-answer';
import { busyTime, droppedFrames, longestTask, mainThreadTasks } from './main-thread-trace';

const here = import.meta.dirname;
const root = resolve(here, '..', '..');

export type StreamSizes = { tokens: number; rate: number; window: number; hiddenMs: number };

export type PacedUpstream = { url: string; tokens: string[]; stop: () => Promise<void> };

type Progress = { streams: number; sent: number; finished: boolean; times?: number[] };

/** Starts bench/lib/markdown-upstream.ts in its own process; resolves once it listens. */
export async function startPacedUpstream(sizes: StreamSizes, maxSeconds: number): Promise<PacedUpstream> {
	const child: ChildProcess = spawn(
		process.execPath,
		['--import', 'tsx', resolve(here, 'markdown-upstream.ts'), `--tokens=${sizes.tokens}`, `--rate=${sizes.rate}`, `--max-seconds=${maxSeconds}`],
		{ cwd: root, stdio: ['ignore', 'pipe', 'inherit'] }
	);
	const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
	const stop = async () => {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
		await exited;
	};
	const url = await new Promise<string>((resolveUrl, reject) => {
		const timer = setTimeout(() => reject(new Error('The paced upstream did not start within 30 s.')), 30_000);
		child.once('exit', (code) => reject(new Error(`The paced upstream exited (${code}) before listening.`)));
		createInterface({ input: child.stdout! }).once('line', (line) => {
			clearTimeout(timer);
			resolveUrl((JSON.parse(line) as { url: string }).url);
		});
	}).catch(async (error) => {
		await stop();
		throw error;
	});
	return { url, tokens: markdownAnswerTokens(sizes.tokens), stop };
}

const progress = async (upstream: PacedUpstream, times = false): Promise<Progress> =>
	(await fetch(`${upstream.url}/progress${times ? '?times=1' : ''}`)).json() as Promise<Progress>;

async function waitForProgress(upstream: PacedUpstream, streams: number, done: (state: Progress) => boolean, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const state = await progress(upstream);
		if (state.streams >= streams && done(state)) return;
		if (Date.now() > deadline) throw new Error(`The stream did not get far enough within ${timeoutMs / 1000} s (${JSON.stringify(state)}).`);
		await new Promise((resolveWait) => setTimeout(resolveWait, 50));
	}
}

export type PageUnderTest = {
	/** Loads the page (signed in, ready to send) in `page`, whose probe script is already added. */
	open: (page: Page) => Promise<void>;
	/** Sends the question; the upstream then streams the answer into the page. */
	send: (page: Page) => Promise<void>;
	/** Matches the answer's element (the last match is read). */
	answerSelector: string;
};

export type PageFigures = {
	firstPerToken: number;
	lastPerToken: number;
	wholePerToken: number;
	/** CPU ms of the longest task, and the longest task's wall ms (which a busy machine stretches). */
	longestTask: number;
	longestTaskWall: number;
	frames: number;
	droppedFrames: number;
	/** Animation frames per second while the first and the last window of tokens streamed in. */
	firstFps: number;
	lastFps: number;
	catchUpMs: number;
	hiddenTokens: number;
	endLagMs: number;
	problems: string[];
};

const viewport = { width: 1280, height: 800 };

/** Streams the whole answer into one page and measures it. */
export async function measureStreamedPage(browser: Browser, upstream: PacedUpstream, sizes: StreamSizes, target: PageUnderTest, log: (message: string) => void): Promise<PageFigures> {
	const context = await browser.newContext({ viewport });
	try {
		const page = await context.newPage();
		const problems: string[] = [];
		watchPage(page, problems);
		await page.addInitScript({ path: resolve(here, 'browser', 'frame-probe.js') });
		await target.open(page);
		await browser.startTracing(page, { categories: ['toplevel', 'blink.user_timing'] });
		const clock = (await page.evaluate(
			"(() => { const mark = performance.mark('bench-sync'); return { origin: performance.timeOrigin, mark: performance.timeOrigin + mark.startTime }; })()"
		)) as { origin: number; mark: number };
		const streamsBefore = (await progress(upstream)).streams;
		const finalMarker = lastMarkerWithin(upstream.tokens, upstream.tokens.length);
		await page.evaluate(`window.__benchProbe.start(); window.__benchProbe.watchEnd(${JSON.stringify(target.answerSelector)}, ${JSON.stringify(finalMarker)})`);
		await target.send(page);

		const streamSeconds = sizes.tokens / sizes.rate;
		const hideAt = Math.floor(sizes.tokens * 0.45);
		await waitForProgress(upstream, streamsBefore + 1, (state) => state.sent >= hideAt, 60_000 + streamSeconds * 1000);
		await page.evaluate('window.__benchProbe.hide()');
		const sentAtHide = (await progress(upstream)).sent;
		log(`token ${sentAtHide}: tab hidden for ${sizes.hiddenMs} ms`);
		await page.waitForTimeout(sizes.hiddenMs);
		const sentBeforeShow = (await progress(upstream)).sent;
		const catchUpMs = (await page.evaluate(`window.__benchProbe.showAndWaitFor(${JSON.stringify(target.answerSelector)})`)) as number;
		log(`shown again: the text received (about ${sentBeforeShow} tokens) on screen after ${catchUpMs.toFixed(1)} ms`);

		await waitForProgress(upstream, streamsBefore + 1, (state) => state.finished, 60_000 + streamSeconds * 2000);
		const end = (await page.evaluate('window.__benchProbe.endLag()')) as { lagMs: number; shownAt: number };
		const frameTimes = ((await page.evaluate('window.__benchProbe.stop()')) as number[]).map((time) => (time === null ? Number.NaN : clock.origin + time));
		const trace = await browser.stopTracing();
		const times = (await progress(upstream, true)).times ?? [];

		const tasks = mainThreadTasks(trace, 'bench-sync', clock.mark);
		const { tokens, window } = { tokens: times.length, window: sizes.window };
		const streamStart = times[0];
		const streamEnd = end.shownAt;
		const longest = longestTask(tasks, streamStart, streamEnd);
		const frames = droppedFrames(frameTimes.filter((time) => !(time < streamStart || time > streamEnd)));
		const fps = (from: number, to: number) => (1000 * frameTimes.filter((time) => time >= from && time < to).length) / (to - from);
		return {
			firstPerToken: busyTime(tasks, times[0], times[window]) / window,
			lastPerToken: busyTime(tasks, times[tokens - window], streamEnd) / window,
			wholePerToken: busyTime(tasks, streamStart, streamEnd) / tokens,
			longestTask: longest.cpu,
			longestTaskWall: longest.wall,
			frames: frames.frames,
			firstFps: fps(times[0], times[window]),
			lastFps: fps(times[tokens - window], streamEnd),
			droppedFrames: frames.dropped,
			catchUpMs,
			hiddenTokens: sentBeforeShow - sentAtHide,
			endLagMs: end.lagMs,
			problems
		};
	} finally {
		await context.close();
	}
}
