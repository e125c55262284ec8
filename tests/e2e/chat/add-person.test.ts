/**
 * End to end in a real browser: the chart shows Jane Smith, the assistant adds John Doe under
 * her with a live tool card, the chart updates without a reload, and an open-ended request gets
 * an honest answer that streams in. Takes the README's screenshot mid-answer.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startAppServer, type AppServer } from '../../helpers/app-server';
import { chromiumAvailable, chromiumPath, launchBrowser } from '../../helpers/browser';

const screenshotPath = resolve(import.meta.dirname, '../../../docs/screenshot.png');

describe.skipIf(!chromiumAvailable)(`chat in the browser (Chromium at ${chromiumPath})`, () => {
	let app: AppServer;
	let browser: Browser;
	let page: Page;
	beforeAll(async () => {
		// A visible token pace, as a person sees it, so the screenshot catches the answer mid-stream.
		app = await startAppServer({ OFFLINE_TOKEN_DELAY_MS: '40' });
		browser = await launchBrowser();
		page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
		page.on('pageerror', (error) => console.error('[browser]', error));
	});
	afterAll(async () => {
		await browser?.close();
		await app?.stop();
	});

	const personCard = (name: string) => page.locator(`[data-testid="person-card"][data-person-name="${name}"]`);

	async function send(text: string) {
		const box = page.getByRole('textbox', { name: 'Message' });
		await box.fill(text);
		await box.press('Enter');
	}

	test('adds John Doe under Jane Smith and the chart updates live', async () => {
		await page.goto(app.url);
		await personCard('Jane Smith').waitFor({ state: 'visible', timeout: 20_000 });
		await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

		await send('Add John Doe as a developer under Jane Smith');
		const card = page.locator('[data-testid="tool-card"][data-tool-name="addUser"]');
		await card.waitFor({ timeout: 20_000 });
		await page.locator('[data-testid="tool-card"][data-tool-name="addUser"][data-status="complete"]').waitFor({ timeout: 20_000 });

		const john = personCard('John Doe');
		await john.waitFor({ state: 'attached', timeout: 20_000 });
		expect(await john.getAttribute('data-manager-name')).toBe('Jane Smith');
		// The new person is marked as changed; their manager, whose team grew, as affected.
		await expect.poll(() => john.getAttribute('data-highlighted'), { timeout: 5_000 }).toBe('changed');
		expect(await personCard('Jane Smith').getAttribute('data-highlighted')).toBe('read');
		await expect.poll(() => john.isVisible(), { timeout: 10_000 }).toBe(true);
		expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
		await page.locator('[data-testid="assistant-message"][data-streaming="false"]').first().waitFor({ timeout: 20_000 });
		expect(await page.locator('[data-testid="assistant-message"]').first().innerText()).toContain('John Doe');
	});

	test('an open-ended request streams an honest answer', async () => {
		await send('Tell me a story about a robot');
		const answer = page.locator('[data-testid="assistant-message"]').nth(1);
		await page.locator('[data-testid="assistant-message"][data-streaming="true"]').waitFor({ timeout: 20_000 });
		const text = answer.locator('[data-testid="answer-text"]');
		await expect.poll(async () => ((await text.count()) > 0 ? (await text.first().innerText()).length : 0), { timeout: 10_000 }).toBeGreaterThan(40);
		expect(await answer.getAttribute('data-streaming')).toBe('true');
		mkdirSync(resolve(screenshotPath, '..'), { recursive: true });
		await page.screenshot({ path: screenshotPath });
		await page.locator('[data-testid="assistant-message"][data-streaming="false"]').nth(1).waitFor({ timeout: 30_000 });
		const finished = await answer.innerText();
		expect(finished).toMatch(/model/i);
		expect(finished).not.toMatch(/once upon a time/i);
		expect(await page.locator('[data-testid="tool-card"]').count()).toBe(1);
	});

	test('removing John Doe takes him off the chart without a reload', async () => {
		await send('Remove John Doe');
		await page.locator('[data-testid="tool-card"][data-tool-name="removeUser"][data-status="complete"]').waitFor({ timeout: 20_000 });
		await expect.poll(() => personCard('John Doe').count(), { timeout: 10_000 }).toBe(0);
		expect(await personCard('Jane Smith').count()).toBe(1);
		expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
	});
});
