/** Debian's Chromium driven by playwright-core; CI installs it, elsewhere browser tests say why they skip. */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';
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

/** `problems`: every `alert`/`confirm`/`prompt` and console error the page produced, for a test to assert empty. */
export type BrowserSession = { app: AppServer; page: Page; browser: Browser; problems: string[] };

const failedLoad = /^Failed to load resource: the server responded with a status of (\d{3})\b/;

/**
 * Records what a page should never do: open a JavaScript dialog (dismissed at once) or log an
 * error. Chromium logs every error status it fetches; `expectedStatuses` are answers the page asks
 * for (401: who is signed in, a wrong password; 429: too many tries), not problems.
 */
export function watchPage(page: Page, problems: string[], expectedStatuses: number[] = [401, 429]): void {
	page.on('pageerror', (error) => {
		console.error('[browser]', error);
		problems.push(`page error: ${error.message}`);
	});
	page.on('dialog', (dialog) => {
		problems.push(`${dialog.type()} dialog: ${dialog.message()}`);
		void dialog.dismiss();
	});
	page.on('console', (message: ConsoleMessage) => {
		if (message.type() !== 'error') return;
		const status = failedLoad.exec(message.text())?.[1];
		if (!status || !expectedStatuses.includes(Number(status))) problems.push(`console error: ${message.text()}`);
	});
}

/** Signs a page's browser context in as the app's owner, through the API, so the session cookie lands in the context. */
export async function signInPage(page: Page, app: AppServer): Promise<void> {
	if (!app.admin) return;
	const response = await page.request.post(`${app.url}/api/auth/login`, {
		data: { email: app.admin.email, password: app.admin.password },
		headers: { origin: app.url }
	});
	if (!response.ok()) throw new Error(`Signing the browser in failed: ${response.status()} ${await response.text()}`);
}

/**
 * Starts the app (with `env`) and a Chromium page signed in as the app's owner (none when `env`
 * sets ADMIN_EMAIL to '') before the tests of the enclosing describe block, and closes both
 * after. The returned session is filled in by then.
 */
export function useBrowserSession(env: Record<string, string> = {}, viewport = { width: 1280, height: 800 }): BrowserSession {
	const session = { problems: [] as string[] } as BrowserSession;
	let browser: Browser | undefined;
	beforeAll(async () => {
		session.app = await startAppServer(env);
		browser = await launchBrowser();
		session.browser = browser;
		session.page = await browser.newPage({ viewport });
		watchPage(session.page, session.problems);
		await signInPage(session.page, session.app);
	});
	afterAll(async () => {
		await browser?.close();
		await session.app?.stop();
	});
	return session;
}

/**
 * Brings people's cards onto the chart as a user would: the first view shows only the top levels at
 * a readable size, so each is found with the search box, and Enter flies to them, opening the teams
 * above them on the way.
 */
export async function revealPeople(page: Page, names: string[]): Promise<void> {
	const search = page.getByRole('combobox', { name: 'Search people' });
	for (const name of names) {
		await search.fill(name);
		await page.keyboard.press('Enter');
		await page.locator(`[data-testid="person-card"][data-person-name="${name}"]`).waitFor();
	}
	await search.fill('');
	// The view glides to the last one; clicks and drags start once it has settled.
	await page.waitForTimeout(800);
}
