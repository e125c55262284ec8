/** The chart keeps up with changes made elsewhere (a script, another tab) without a reload. */
import { beforeAll, describe, expect, test } from 'vitest';
import { chromiumAvailable, chromiumPath, useBrowserSession } from '../../helpers/browser';

describe.skipIf(!chromiumAvailable)(`the chart and outside changes (Chromium at ${chromiumPath})`, () => {
	const ui = useBrowserSession();
	beforeAll(async () => {
		await ui.page.goto(ui.app.url);
		await ui.page.locator('[data-testid="person-card"][data-person-name="Jane Smith"]').waitFor({ timeout: 20_000 });
	});

	test('a person added through the API appears when the page is focused again', async () => {
		const response = await ui.app.fetch('/api/orgs/acme/people', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ name: 'Outside Person', title: 'Analyst', manager: 'Jane Smith' })
		});
		expect(response.status).toBe(201);
		await ui.page.evaluate(() => window.dispatchEvent(new Event('focus')));
		const card = ui.page.locator('[data-testid="person-card"][data-person-name="Outside Person"]');
		await card.waitFor({ state: 'attached', timeout: 10_000 });
		expect(await card.getAttribute('data-manager-name')).toBe('Jane Smith');
	});
});
