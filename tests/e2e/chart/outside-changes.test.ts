/** The chart keeps up with changes made elsewhere (a script, another tab) without a reload. */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startAppServer, type AppServer } from '../../helpers/app-server';
import { chromiumAvailable, chromiumPath, launchBrowser } from '../../helpers/browser';

describe.skipIf(!chromiumAvailable)(`the chart and outside changes (Chromium at ${chromiumPath})`, () => {
	let app: AppServer;
	let browser: Browser;
	let page: Page;
	beforeAll(async () => {
		app = await startAppServer();
		browser = await launchBrowser();
		page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
		await page.goto(app.url);
		await page.locator('[data-testid="person-card"][data-person-name="Jane Smith"]').waitFor({ timeout: 20_000 });
	});
	afterAll(async () => {
		await browser?.close();
		await app?.stop();
	});

	test('a person added through the API appears when the page is focused again', async () => {
		const response = await fetch(`${app.url}/api/orgs/acme/people`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ name: 'Outside Person', title: 'Analyst', manager: 'Jane Smith' })
		});
		expect(response.status).toBe(201);
		await page.evaluate(() => window.dispatchEvent(new Event('focus')));
		const card = page.locator('[data-testid="person-card"][data-person-name="Outside Person"]');
		await card.waitFor({ state: 'attached', timeout: 10_000 });
		expect(await card.getAttribute('data-manager-name')).toBe('Jane Smith');
	});
});
