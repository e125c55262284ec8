/**
 * On a phone (390×844) the chart and the assistant are tabs, and no control covers another: the
 * boxes of every visible button, input and link are compared pairwise, in both tabs.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { describeAxe, seriousAxeViolations } from '../../helpers/axe';
import { chromiumAvailable, chromiumPath, useBrowserSession } from '../../helpers/browser';

type Box = { label: string; x: number; y: number; width: number; height: number };

describe.skipIf(!chromiumAvailable)(`the layout on a phone (Chromium at ${chromiumPath})`, () => {
	const ui = useBrowserSession({}, { width: 390, height: 844 });

	/** Visible controls outside the chart's cards (cards move under the controls as the chart pans; controls never move). */
	const controlBoxes = () =>
		ui.page.evaluate(() => {
			const boxes: Box[] = [];
			for (const element of document.querySelectorAll<HTMLElement>('button, input, select, textarea, summary, a[href], [role="button"]')) {
				if (element.closest('.svelte-flow__node')) continue;
				const rect = element.getBoundingClientRect();
				const style = getComputedStyle(element);
				if (rect.width === 0 || rect.height === 0 || style.visibility === 'hidden' || rect.bottom <= 0 || rect.top >= innerHeight) continue;
				// Visually hidden skip links sit off screen until focused.
				if (rect.right <= 0 || rect.left >= innerWidth) continue;
				const label = element.getAttribute('aria-label') || element.textContent?.trim() || element.getAttribute('placeholder') || element.tagName;
				boxes.push({ label: `${element.tagName.toLowerCase()} "${label.slice(0, 40)}"`, x: rect.x, y: rect.y, width: rect.width, height: rect.height });
			}
			return boxes;
		});

	const overlaps = (boxes: Box[]) => {
		const found: string[] = [];
		boxes.forEach((a, index) => {
			for (const b of boxes.slice(index + 1)) {
				const inside = (p: Box, q: Box) => p.x >= q.x && p.y >= q.y && p.x + p.width <= q.x + q.width && p.y + p.height <= q.y + q.height;
				// A control inside another (an icon button inside the search box's frame) is one control.
				if (inside(a, b) || inside(b, a)) continue;
				const overlapX = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
				const overlapY = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
				if (overlapX > 0.5 && overlapY > 0.5) found.push(`${a.label} overlaps ${b.label}`);
			}
		});
		return found;
	};

	beforeAll(async () => {
		await ui.page.goto(ui.app.url);
		await ui.page.locator('[data-testid="person-card"]').first().waitFor({ timeout: 20_000 });
	});

	test('the chart tab: search, Fit, departments and zoom controls all visible, none overlapping, no minimap', async () => {
		const boxes = await controlBoxes();
		const labels = boxes.map((box) => box.label).join('\n');
		expect(labels).toContain('Search people');
		expect(labels).toContain('Fit to screen');
		expect(labels).toContain('Departments');
		expect(overlaps(boxes), labels).toEqual([]);
		for (const box of boxes) expect(box.x + box.width, box.label).toBeLessThanOrEqual(390);
		expect(await ui.page.locator('.svelte-flow__minimap').isVisible()).toBe(false);
		// The assistant is a tab away, not squeezed under the chart.
		expect(await ui.page.getByRole('textbox', { name: 'Message' }).isVisible()).toBe(false);
		const findings = await seriousAxeViolations(ui.page);
		expect(findings, describeAxe(findings)).toEqual([]);
	});

	test('the assistant tab: the composer is usable and nothing overlaps', async () => {
		await ui.page.getByRole('button', { name: 'Assistant', exact: true }).click();
		const message = ui.page.getByRole('textbox', { name: 'Message' });
		await message.waitFor({ state: 'visible' });
		expect(await ui.page.locator('[data-testid="person-card"]').first().isVisible()).toBe(false);
		const boxes = await controlBoxes();
		expect(overlaps(boxes), boxes.map((box) => box.label).join('\n')).toEqual([]);
		const findings = await seriousAxeViolations(ui.page);
		expect(findings, describeAxe(findings)).toEqual([]);
		await ui.page.getByRole('button', { name: 'Chart', exact: true }).click();
		await ui.page.locator('[data-testid="person-card"]').first().waitFor({ state: 'visible' });
		expect(ui.problems).toEqual([]);
	});
});
