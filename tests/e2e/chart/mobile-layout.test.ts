/**
 * On a phone (390×844) the chart and the assistant are tabs, and no control covers another: the
 * boxes of every visible button, input and link are compared pairwise, in both tabs.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { describeAxe, seriousAxeViolations } from '../../helpers/axe';
import { chromiumAvailable, chromiumPath, useBrowserSession } from '../../helpers/browser';

describe.skipIf(!chromiumAvailable)(`the layout on a phone (Chromium at ${chromiumPath})`, () => {
	const ui = useBrowserSession({}, { width: 390, height: 844 });

	/**
	 * Pairs of visible controls (outside the chart's cards, which move under the controls as the
	 * chart pans; controls never move) whose boxes overlap, and controls not wholly on the screen.
	 */
	const layoutProblems = () =>
		ui.page.evaluate(() => {
			const controls = [...document.querySelectorAll<HTMLElement>('button, input, select, textarea, summary, a[href], [role="button"]')].filter((element) => {
				if (element.closest('.svelte-flow__node')) return false;
				const rect = element.getBoundingClientRect();
				if (rect.width === 0 || rect.height === 0 || getComputedStyle(element).visibility === 'hidden') return false;
				// Skip links wait above the page until focused.
				return !element.closest('.skip');
			});
			const label = (element: HTMLElement) =>
				`${element.tagName.toLowerCase()} "${(element.getAttribute('aria-label') || element.textContent?.trim() || element.getAttribute('placeholder') || '').slice(0, 40)}"`;
			const problems: string[] = [];
			controls.forEach((a, index) => {
				const box = a.getBoundingClientRect();
				if (box.left < 0 || box.top < 0 || box.right > innerWidth || box.bottom > innerHeight) problems.push(`${label(a)} is not wholly on the screen`);
				for (const b of controls.slice(index + 1)) {
					// A control inside another (a summary's text, say) is one control.
					if (a.contains(b) || b.contains(a)) continue;
					const other = b.getBoundingClientRect();
					const overlapX = Math.min(box.right, other.right) - Math.max(box.left, other.left);
					const overlapY = Math.min(box.bottom, other.bottom) - Math.max(box.top, other.top);
					if (overlapX > 0.5 && overlapY > 0.5) problems.push(`${label(a)} overlaps ${label(b)}`);
				}
			});
			return { labels: controls.map(label), problems };
		});

	beforeAll(async () => {
		await ui.page.goto(ui.app.url);
		await ui.page.locator('[data-testid="person-card"]').first().waitFor({ timeout: 20_000 });
	});

	test('the chart tab: search, Fit, departments and zoom controls all visible, none overlapping, no minimap', async () => {
		const { labels, problems } = await layoutProblems();
		expect(labels.join('\n')).toContain('Search people');
		expect(labels.join('\n')).toContain('Fit to screen');
		expect(labels.join('\n')).toContain('Departments');
		expect(labels.join('\n')).toContain('owner');
		expect(problems, labels.join('\n')).toEqual([]);
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
		const { labels, problems } = await layoutProblems();
		expect(problems, labels.join('\n')).toEqual([]);
		const findings = await seriousAxeViolations(ui.page);
		expect(findings, describeAxe(findings)).toEqual([]);
		await ui.page.getByRole('button', { name: 'Chart', exact: true }).click();
		await ui.page.locator('[data-testid="person-card"]').first().waitFor({ state: 'visible' });
		expect(ui.problems).toEqual([]);
	});
});
