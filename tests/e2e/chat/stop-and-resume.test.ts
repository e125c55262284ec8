/**
 * The chat's safety nets in a real browser: Stop ends an answer and keeps its text, a reload in
 * the middle of an answer picks it up where it was, and an empty message is refused with a hint.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { chromiumAvailable, chromiumPath, useBrowserSession } from '../../helpers/browser';

describe.skipIf(!chromiumAvailable)(`stop, reload and mistakes in the browser (Chromium at ${chromiumPath})`, () => {
	// Slow enough that an answer is still streaming when the test acts on it.
	const ui = useBrowserSession({ OFFLINE_TOKEN_DELAY_MS: '120' });
	beforeAll(async () => {
		await ui.page.goto(ui.app.url);
		await ui.page.locator('[data-testid="person-card"]').first().waitFor({ timeout: 20_000 });
	});

	const box = () => ui.page.getByRole('textbox', { name: 'Message' });
	const answers = () => ui.page.locator('[data-testid="assistant-message"]');
	const answerText = (index: number) => answers().nth(index).locator('[data-testid="answer-text"]');
	const textOf = async (index: number) => ((await answerText(index).count()) > 0 ? await answerText(index).first().innerText() : '');

	test('keyboard users reach the message box from the top of the page in two keys', async () => {
		await ui.page.reload();
		await ui.page.locator('[data-testid="person-card"]').first().waitFor({ timeout: 20_000 });
		await ui.page.keyboard.press('Tab');
		expect(await ui.page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the assistant');
		await ui.page.keyboard.press('Enter');
		expect(await ui.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Message');
	});

	test('an empty message is refused with a hint and nothing is sent', async () => {
		await box().fill('   ');
		await box().press('Enter');
		await expect.poll(() => ui.page.getByText('Type a message first.').isVisible()).toBe(true);
		expect(await answers().count()).toBe(0);
	});

	test('Stop ends the answer, keeps its text, and the composer is ready again', async () => {
		await box().fill('Tell me a story about a robot');
		await box().press('Enter');
		await expect.poll(async () => (await textOf(0)).length, { timeout: 15_000 }).toBeGreaterThan(10);
		await ui.page.getByRole('button', { name: 'Stop' }).click();
		await answers().nth(0).and(ui.page.locator('[data-streaming="false"]')).waitFor({ timeout: 15_000 });
		await expect.poll(() => answers().nth(0).getByText('Stopped.').isVisible()).toBe(true);
		const kept = await textOf(0);
		expect(kept.length).toBeGreaterThan(10);
		await ui.page.waitForTimeout(600);
		expect(await textOf(0)).toBe(kept);
		expect(await ui.page.getByRole('button', { name: 'Stop' }).count()).toBe(0);
		await box().fill('ready');
		expect(await ui.page.getByRole('button', { name: 'Send' }).isDisabled()).toBe(false);
		await box().fill('');
	});

	test('a reload in the middle of an answer resumes it to the end', async () => {
		await box().fill('How many people are in the org?');
		await box().press('Enter');
		await expect.poll(async () => (await textOf(1)).length, { timeout: 15_000 }).toBeGreaterThan(5);
		await ui.page.reload();
		await answers().nth(1).waitFor({ timeout: 20_000 });
		await answers().nth(1).and(ui.page.locator('[data-streaming="false"]')).waitFor({ timeout: 30_000 });
		const shown = await textOf(1);
		expect(shown).toMatch(/\d+ people/);
		expect(await ui.page.locator('[data-testid="tool-card"][data-tool-name="getOrgStats"][data-status="complete"]').count()).toBe(1);
		expect(await ui.page.locator('[data-testid="user-message"]').filter({ hasText: 'How many people are in the org?' }).count()).toBe(1);
	});
});
