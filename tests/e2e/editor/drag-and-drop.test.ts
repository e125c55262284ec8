/**
 * Drag and drop in a real browser: a card dropped on another card gets that person as manager
 * (with Undo in a notice); a drop that would make a cycle is refused, the card goes back to its
 * place and the server's reason is shown. Takes docs/drag-and-drop.png mid-drag.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { chromiumAvailable, chromiumPath, revealPeople, useBrowserSession } from '../../helpers/browser';

const docs = resolve(import.meta.dirname, '../../../docs');

async function centre(locator: Locator) {
	const box = await locator.boundingBox();
	if (!box) throw new Error('The card is not on screen.');
	return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Waits until the view stops gliding (after a search or an undo the chart pans to the change). */
async function settled(page: Page, locator: Locator) {
	let last = '';
	for (let tries = 0; tries < 40; tries++) {
		const box = JSON.stringify(await locator.boundingBox());
		if (box === last) return;
		last = box;
		await page.waitForTimeout(150);
	}
}

/** Presses on `from`, moves over `to` in small steps (as a hand does), and calls `whileOver` before letting go. */
async function drag(page: Page, from: Locator, to: Locator, whileOver?: () => Promise<void>) {
	await settled(page, from);
	const start = await centre(from);
	const end = await centre(to);
	await page.mouse.move(start.x, start.y);
	await page.mouse.down();
	await page.mouse.move(start.x + 10, start.y + 10, { steps: 3 });
	await page.mouse.move(end.x, end.y, { steps: 12 });
	await whileOver?.();
	await page.mouse.up();
}

describe.skipIf(!chromiumAvailable)(`drag and drop (Chromium at ${chromiumPath})`, () => {
	const ui = useBrowserSession({}, { width: 1440, height: 900 });
	const card = (name: string) => ui.page.locator(`[data-testid="person-card"][data-person-name="${name}"]`);

	beforeAll(async () => {
		ui.page.setDefaultTimeout(15_000);
		await ui.page.goto(ui.app.url);
		await card('Margaret Chen').waitFor({ timeout: 30_000 });
		// Jane's team and Marcus's on screen, and the view on Jane.
		await revealPeople(ui.page, ['Tom Becker', 'Wei Zhang', 'Marcus Johnson', 'Jane Smith']);
	});
	afterEach(() => expect(ui.problems.splice(0)).toEqual([]));

	test('dropping Tom Becker on Marcus Johnson makes Marcus his manager, with Undo', async () => {
		await drag(ui.page, card('Tom Becker'), card('Marcus Johnson'), async () => {
			await expect.poll(() => ui.page.locator('.svelte-flow__node[data-drop-target]').getAttribute('data-id')).toBe(await card('Marcus Johnson').getAttribute('data-person-id'));
			mkdirSync(docs, { recursive: true });
			await ui.page.screenshot({ path: resolve(docs, 'drag-and-drop.png') });
		});
		await expect.poll(() => card('Tom Becker').getAttribute('data-manager-name')).toBe('Marcus Johnson');
		const toast = ui.page.getByTestId('toast').filter({ hasText: 'Moved Tom Becker to Marcus Johnson.' });
		await toast.waitFor();
		await toast.getByRole('button', { name: 'Undo' }).click();
		await expect.poll(() => card('Tom Becker').getAttribute('data-manager-name')).toBe('Jane Smith');
	});

	test('dropping Jane Smith on her own report is refused: the card goes back and the reason is shown', async () => {
		// Where the card sits on the chart (not on screen: the view may still be gliding).
		const place = () => ui.page.locator('.svelte-flow__node', { has: card('Jane Smith') }).evaluate((node) => (node as HTMLElement).style.transform);
		const before = await place();
		await drag(ui.page, card('Jane Smith'), card('Wei Zhang'));
		const refusal = ui.page.locator('[data-testid="toast"][data-kind="error"]');
		await expect.poll(() => refusal.textContent(), { timeout: 10_000 }).toContain('reporting cycle');
		expect(await refusal.textContent()).toContain('Wei Zhang reports to Jane Smith');
		await expect.poll(place, { timeout: 5_000 }).toBe(before);
		// The refusal is the server's 409, which Chromium logs; it is the answer here, not a problem.
		expect(ui.problems.splice(0)).toEqual([expect.stringContaining('status of 409')]);
		expect(await card('Jane Smith').getAttribute('data-manager-name')).toBe('José García');
		expect(await card('Wei Zhang').getAttribute('data-manager-name')).toBe('Jane Smith');
	});
});
