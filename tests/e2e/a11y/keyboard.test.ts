/**
 * The chart by keyboard alone: Tab reaches a card, the arrow keys move between a manager, the
 * first report and peers, and Enter opens the focused person as a click would.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { chromiumAvailable, chromiumPath, useBrowserSession } from '../../helpers/browser';

describe.skipIf(!chromiumAvailable)(`the chart by keyboard (Chromium at ${chromiumPath})`, () => {
	const ui = useBrowserSession({}, { width: 1440, height: 900 });
	const focused = () =>
		ui.page.evaluate(() => {
			const element = document.activeElement as HTMLElement | null;
			const card = element?.classList.contains('svelte-flow__node') ? element.querySelector('[data-testid="person-card"]') : null;
			return card ? { name: card.getAttribute('data-person-name'), manager: card.getAttribute('data-manager-name') } : null;
		});

	beforeAll(async () => {
		await ui.page.goto(ui.app.url);
		await ui.page.locator('[data-testid="person-card"][data-person-name="Margaret Chen"]').waitFor({ timeout: 20_000 });
	});

	test('Tab reaches a card; arrows go to the first report, back up, and across to peers; Enter opens', async () => {
		for (let presses = 0; presses < 40 && !(await focused()); presses++) await ui.page.keyboard.press('Tab');
		const start = await focused();
		expect(start, 'Tab never reached a card').not.toBeNull();

		// The first card reached is the top of the chart: down goes to a report of it.
		await ui.page.keyboard.press('ArrowDown');
		const report = await focused();
		expect(report?.manager).toBe(start!.name);

		await ui.page.keyboard.press('ArrowRight');
		const peer = await focused();
		expect(peer?.manager).toBe(start!.name);
		expect(peer?.name).not.toBe(report!.name);
		await ui.page.keyboard.press('ArrowLeft');
		expect((await focused())?.name).toBe(report!.name);

		await ui.page.keyboard.press('ArrowUp');
		expect((await focused())?.name).toBe(start!.name);

		// Enter does what a click does: the person is selected on the chart and their panel opens;
		// Escape closes it and gives focus back to the card.
		await ui.page.keyboard.press('ArrowDown');
		await ui.page.keyboard.press('Enter');
		const opened = ui.page.locator(`.svelte-flow__node.selected [data-testid="person-card"]`);
		await opened.waitFor({ timeout: 5_000 });
		expect(await opened.getAttribute('data-person-name')).toBe(report!.name);
		const panel = ui.page.getByTestId('person-panel');
		await expect.poll(() => panel.getByRole('heading', { level: 2 }).textContent()).toBe(report!.name);
		await ui.page.keyboard.press('Escape');
		await panel.waitFor({ state: 'detached', timeout: 5_000 });
		// Focus goes back to the card on the next frame.
		await expect.poll(async () => (await focused())?.name).toBe(report!.name);
		expect(ui.problems).toEqual([]);
	});
});
