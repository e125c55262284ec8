/** Debian's Chromium driven by playwright-core; CI installs it, elsewhere browser tests say why they skip. */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startAppServer, type AppServer } from './app-server';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumAvailable = existsSync(chromiumPath);

if (!chromiumAvailable && process.env.CI) {
	throw new Error(`CI needs Chromium at ${chromiumPath} for the end-to-end tests (.ci/run installs Debian's chromium).`);
}

/** Launches headless Chromium with the flags this closed network needs. */
export function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: chromiumPath,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-quic',
			'--no-first-run',
			'--disable-sync'
		]
	});
}

export type BrowserSession = { app: AppServer; page: Page };

/**
 * Starts the app (with `env`) and a Chromium page before the tests of the enclosing describe
 * block, and closes both after. The returned session is filled in by then.
 */
export function useBrowserSession(env: Record<string, string> = {}, viewport = { width: 1280, height: 800 }): BrowserSession {
	const session = {} as BrowserSession;
	let browser: Browser | undefined;
	beforeAll(async () => {
		session.app = await startAppServer(env);
		browser = await launchBrowser();
		session.page = await browser.newPage({ viewport });
		session.page.on('pageerror', (error) => console.error('[browser]', error));
	});
	afterAll(async () => {
		await browser?.close();
		await session.app?.stop();
	});
	return session;
}
