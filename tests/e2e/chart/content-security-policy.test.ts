/** The page works under its Content-Security-Policy: nothing it needs is blocked, nothing is reported. */
import { describe, expect, test } from 'vitest';
import { chromiumAvailable, chromiumPath, useBrowserSession } from '../../helpers/browser';

describe.skipIf(!chromiumAvailable)(`the page under its Content-Security-Policy (Chromium at ${chromiumPath})`, () => {
	const ui = useBrowserSession();

	test('loads the chart and the chat with no console errors and no CSP violations', async () => {
		const errors: string[] = [];
		ui.page.on('console', (message) => {
			if (message.type() === 'error') errors.push(message.text());
		});
		ui.page.on('pageerror', (error) => errors.push(error.message));
		await ui.page.addInitScript(() => {
			const violations: string[] = [];
			(window as unknown as { __cspViolations: string[] }).__cspViolations = violations;
			document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`));
		});
		const response = await ui.page.goto(ui.app.url);
		expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
		await ui.page.locator('[data-testid="person-card"][data-person-name="Margaret Chen"]').waitFor({ timeout: 20_000 });
		const box = ui.page.getByRole('textbox', { name: 'Message' });
		await box.fill('Who reports to Jane Smith?');
		await box.press('Enter');
		await ui.page.locator('[data-testid="tool-card"][data-status="complete"]').waitFor({ timeout: 20_000 });
		await ui.page.locator('[data-testid="assistant-message"][data-streaming="false"]').first().waitFor({ timeout: 20_000 });
		// The chart is laid out by inline transforms (set through the CSSOM, which the policy allows).
		const transform = await ui.page.locator('[data-testid="person-card"]').first().evaluate((card) => getComputedStyle(card.closest('.svelte-flow__node') ?? card).transform);
		expect(transform).not.toBe('none');
		expect(await ui.page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);
		expect(errors.filter((text) => /Content Security Policy|Refused to/i.test(text))).toEqual([]);
		expect(errors).toEqual([]);
	});
});
