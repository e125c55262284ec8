/**
 * axe-core (WCAG 2.1 AA) on the page at rest, after one streamed answer, with a person's panel open
 * and in the History view: no serious or critical violation. The answer is announced to screen readers once per finished paragraph, not per token.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { chromiumAvailable, chromiumPath, revealPeople, useBrowserSession } from '../../helpers/browser';
import { describeAxe, seriousAxeViolations } from '../../helpers/axe';

describe.skipIf(!chromiumAvailable)(`accessibility checked by axe-core (Chromium at ${chromiumPath})`, () => {
	const ui = useBrowserSession({}, { width: 1440, height: 900 });
	beforeAll(async () => {
		ui.page.setDefaultTimeout(10_000);
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

	test('with a person’s panel open: no serious or critical violation', async () => {
		await revealPeople(ui.page, ['Jane Smith']);
		await ui.page.locator('[data-testid="person-card"][data-person-name="Jane Smith"]').click();
		const panel = ui.page.getByTestId('person-panel');
		await panel.getByTestId('person-fields').waitFor();
		const findings = await seriousAxeViolations(ui.page);
		expect(findings, describeAxe(findings)).toEqual([]);
		// The edit form, too.
		await panel.getByRole('button', { name: 'Edit' }).click();
		await panel.getByTestId('person-form').getByLabel('Name', { exact: true }).waitFor();
		const inForm = await seriousAxeViolations(ui.page);
		expect(inForm, describeAxe(inForm)).toEqual([]);
		// Escape leaves the form, a second one closes the panel.
		await ui.page.keyboard.press('Escape');
		await ui.page.keyboard.press('Escape');
		await panel.waitFor({ state: 'detached' });
	});

	test('in the History view: no serious or critical violation', async () => {
		// A change to list, made as a script would: through the REST API with the page's session.
		const added = await ui.page.request.post(`${ui.app.url}/api/orgs/acme/people`, {
			data: { name: 'Axel Auditor', title: 'Accessibility Engineer', manager: 'Jane Smith' },
			headers: { origin: ui.app.url }
		});
		expect(added.status()).toBe(201);
		await ui.page.getByRole('button', { name: 'History of changes' }).click();
		const dialog = ui.page.getByTestId('history-dialog');
		await dialog.getByTestId('change-row').filter({ hasText: 'Axel Auditor' }).waitFor();
		const findings = await seriousAxeViolations(ui.page);
		expect(findings, describeAxe(findings)).toEqual([]);
		expect(ui.problems).toEqual([]);
	});
});
