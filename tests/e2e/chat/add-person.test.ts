/**
 * End to end in a real browser: the chart shows Jane Smith, the assistant adds John Doe under
 * her with a live tool card, the chart updates without a reload, and an open-ended request gets
 * an honest answer that streams in. Takes the README's screenshot mid-answer.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { chromiumAvailable, chromiumPath, useBrowserSession } from '../../helpers/browser';

const screenshotPath = resolve(import.meta.dirname, '../../../docs/screenshot.png');

describe.skipIf(!chromiumAvailable)(`chat in the browser (Chromium at ${chromiumPath})`, () => {
	// A visible token pace, as a person sees it, so the screenshot catches the answer mid-stream.
	const ui = useBrowserSession({ OFFLINE_TOKEN_DELAY_MS: '40' }, { width: 1440, height: 900 });

	const personCard = (name: string) => ui.page.locator(`[data-testid="person-card"][data-person-name="${name}"]`);

	async function send(text: string) {
		const box = ui.page.getByRole('textbox', { name: 'Message' });
		await box.fill(text);
		await box.press('Enter');
	}

	test('adds John Doe under Jane Smith and the chart updates live', async () => {
		await ui.page.goto(ui.app.url);
		await personCard('Margaret Chen').waitFor({ state: 'visible', timeout: 20_000 });
		await ui.page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

		await send('Add John Doe as a developer under Jane Smith');
		const card = ui.page.locator('[data-testid="tool-card"][data-tool-name="addUser"]');
		await card.waitFor({ timeout: 20_000 });
		await ui.page.locator('[data-testid="tool-card"][data-tool-name="addUser"][data-status="complete"]').waitFor({ timeout: 20_000 });

		const john = personCard('John Doe');
		await john.waitFor({ state: 'attached', timeout: 20_000 });
		expect(await john.getAttribute('data-manager-name')).toBe('Jane Smith');
		// The new person is marked as changed; their manager, whose team grew, as affected.
		await expect.poll(() => john.getAttribute('data-highlighted'), { timeout: 5_000 }).toBe('changed');
		expect(await personCard('Jane Smith').getAttribute('data-highlighted')).toBe('read');
		await expect.poll(() => john.isVisible(), { timeout: 10_000 }).toBe(true);
		expect(await ui.page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
		await ui.page.locator('[data-testid="assistant-message"][data-streaming="false"]').first().waitFor({ timeout: 20_000 });
		expect(await ui.page.locator('[data-testid="assistant-message"]').first().innerText()).toContain('John Doe');
	});

	test('an open-ended request streams an honest answer', async () => {
		await send('Tell me a story about a robot');
		const answer = ui.page.locator('[data-testid="assistant-message"]').nth(1);
		await ui.page.locator('[data-testid="assistant-message"][data-streaming="true"]').waitFor({ timeout: 20_000 });
		const text = answer.locator('[data-testid="answer-text"]');
		await expect.poll(async () => ((await text.count()) > 0 ? (await text.first().innerText()).length : 0), { timeout: 10_000 }).toBeGreaterThan(40);
		expect(await answer.getAttribute('data-streaming')).toBe('true');
		mkdirSync(resolve(screenshotPath, '..'), { recursive: true });
		await ui.page.screenshot({ path: screenshotPath });
		await ui.page.locator('[data-testid="assistant-message"][data-streaming="false"]').nth(1).waitFor({ timeout: 30_000 });
		const finished = await answer.innerText();
		expect(finished).toMatch(/model/i);
		expect(finished).not.toMatch(/once upon a time/i);
		expect(await ui.page.locator('[data-testid="tool-card"]').count()).toBe(1);
	});

	test('removing John Doe, once approved, takes him off the chart without a reload', async () => {
		await send('Remove John Doe');
		// A removal waits for the user's approval (TOOL_APPROVAL=destructive by default).
		await ui.page.getByRole('button', { name: 'Approve' }).click({ timeout: 20_000 });
		await ui.page.locator('[data-testid="tool-card"][data-tool-name="removeUser"][data-status="complete"]').waitFor({ timeout: 20_000 });
		await expect.poll(() => personCard('John Doe').count(), { timeout: 10_000 }).toBe(0);
		expect(await personCard('Jane Smith').count()).toBe(1);
		expect(await ui.page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
	});
});
