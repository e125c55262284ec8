/**
 * axe-core (WCAG 2.1 AA) on the page at rest and after one streamed answer: no serious or critical
 * violation. The answer is announced to screen readers once per finished paragraph, not per token.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { chromiumAvailable, chromiumPath, useBrowserSession } from '../../helpers/browser';
import { describeAxe, seriousAxeViolations } from '../../helpers/axe';

describe.skipIf(!chromiumAvailable)(`accessibility checked by axe-core (Chromium at ${chromiumPath})`, () => {
	const ui = useBrowserSession({}, { width: 1440, height: 900 });
	beforeAll(async () => {
		await ui.page.goto(ui.app.url);
		await ui.page.locator('[data-testid="person-card"][data-person-name="Margaret Chen"]').waitFor({ timeout: 20_000 });
	});

	test('the page at rest has no serious or critical violation', async () => {
		const findings = await seriousAxeViolations(ui.page);
		expect(findings, describeAxe(findings)).toEqual([]);
	});

	test('after an answer: no serious or critical violation, and the answer was announced once per paragraph', async () => {
		// Every text the polite region takes is recorded, so a per-token announcement would show.
		await ui.page.evaluate(() => {
			const region = document.querySelector('[data-testid="answer-announcer"]') as HTMLElement;
			const heard: string[] = [];
			(window as unknown as { heard: string[] }).heard = heard;
			new MutationObserver(() => heard.push(region.textContent ?? '')).observe(region, { childList: true, characterData: true, subtree: true });
		});
		const box = ui.page.getByRole('textbox', { name: 'Message' });
		await box.fill('Who reports to Jane Smith?');
		await box.press('Enter');
		await ui.page.locator('[data-testid="assistant-message"][data-streaming="false"]').first().waitFor({ timeout: 20_000 });
		await ui.page.waitForTimeout(300);

		const answer = await ui.page.locator('[data-testid="assistant-message"] [data-testid="answer-text"]').first().innerText();
		const paragraphs = answer.split(/\n\s*\n/).filter((part) => part.trim()).length;
		const heard = (await ui.page.evaluate(() => (window as unknown as { heard: string[] }).heard)).filter((text) => text.trim());
		expect(heard.length).toBeGreaterThan(0);
		expect(heard.length).toBeLessThanOrEqual(paragraphs);
		expect(heard.join(' ')).toContain('Jane Smith');
		// The conversation itself is not read out token by token.
		expect(await ui.page.getByRole('log', { name: 'Conversation' }).getAttribute('aria-live')).toBe('off');

		const findings = await seriousAxeViolations(ui.page);
		expect(findings, describeAxe(findings)).toEqual([]);
		expect(ui.problems).toEqual([]);
	});
});
