/**
 * Approving and declining the assistant's changes in a real browser: a removal shows its summary
 * with Approve and Deny; Deny leaves the chart as it was; a reload while the change waits shows the
 * buttons again, and Approve then makes the change.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { chromiumAvailable, chromiumPath, useBrowserSession } from '../../helpers/browser';

describe.skipIf(!chromiumAvailable)(`approving changes in the browser (Chromium at ${chromiumPath})`, () => {
	const ui = useBrowserSession();
	const personCard = (name: string) => ui.page.locator(`[data-testid="person-card"][data-person-name="${name}"]`);
	const removalCard = (status: string) => ui.page.locator(`[data-testid="tool-card"][data-tool-name="removeUser"][data-status="${status}"]`);
	const approve = () => ui.page.getByRole('button', { name: 'Approve' });
	const deny = () => ui.page.getByRole('button', { name: 'Deny' });

	async function send(text: string) {
		const box = ui.page.getByRole('textbox', { name: 'Message' });
		await box.fill(text);
		await box.press('Enter');
	}

	beforeAll(async () => {
		await ui.page.goto(ui.app.url);
		await personCard('Priya Patel').waitFor({ state: 'attached', timeout: 20_000 });
	});

	test('a removal shows what it will change with Approve and Deny; Deny keeps the person', async () => {
		await send('Remove Priya Patel');
		const waiting = removalCard('awaiting_approval');
		await waiting.waitFor({ timeout: 20_000 });
		expect(await waiting.getByTestId('approval-summary').innerText()).toMatch(/^Remove Priya Patel \(VP of People\); their 3 direct reports move to Margaret Chen/);
		expect(await approve().isVisible()).toBe(true);
		await deny().click();
		await removalCard('error').waitFor({ timeout: 20_000 });
		expect(await removalCard('error').innerText()).toMatch(/declined/i);
		expect(await approve().count()).toBe(0);
		await ui.page.locator('[data-testid="assistant-message"][data-streaming="false"]').first().waitFor({ timeout: 20_000 });
		expect(await ui.page.locator('[data-testid="assistant-message"]').first().innerText()).toMatch(/didn't make that change/i);
		expect(await personCard('Priya Patel').count()).toBe(1);
	});

	test('after a reload while a removal waits, the buttons are back, and Approve removes the person', async () => {
		await send('Remove Priya Patel');
		await removalCard('awaiting_approval').waitFor({ timeout: 20_000 });
		await ui.page.reload();
		await removalCard('awaiting_approval').waitFor({ timeout: 20_000 });
		expect(await removalCard('awaiting_approval').getByTestId('approval-summary').innerText()).toMatch(/^Remove Priya Patel/);
		await approve().click();
		await removalCard('complete').waitFor({ timeout: 20_000 });
		await expect.poll(() => personCard('Priya Patel').count(), { timeout: 10_000 }).toBe(0);
		expect(await deny().count()).toBe(0);
	});
});
