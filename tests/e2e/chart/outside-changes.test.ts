/**
 * Every open page keeps up with changes made elsewhere (a script, another page, the assistant)
 * through the organization's live event stream: within 2 s, without a reload, a focus or a poll,
 * and the changed card is highlighted.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { chromiumAvailable, chromiumPath, signInPage, useBrowserSession, watchPage } from '../../helpers/browser';
import { startTcpProxy } from '../../helpers/tcp-proxy';

const LIVE_WITHIN_MS = 2_000;

describe.skipIf(!chromiumAvailable)(`the chart and outside changes (Chromium at ${chromiumPath})`, () => {
	const ui = useBrowserSession();
	let second: Page;
	const card = (page: Page, name: string) => page.locator(`[data-testid="person-card"][data-person-name="${name}"]`);
	const addPerson = (name: string) =>
		ui.app.fetch('/api/orgs/acme/people', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ name, title: 'Analyst', manager: 'Margaret Chen' })
		});

	beforeAll(async () => {
		second = await ui.browser.newPage({ viewport: { width: 1280, height: 800 } });
		watchPage(second, ui.problems);
		await signInPage(second, ui.app);
		await Promise.all([ui.page.goto(ui.app.url), second.goto(ui.app.url)]);
		await Promise.all([card(ui.page, 'Margaret Chen').waitFor({ timeout: 20_000 }), card(second, 'Margaret Chen').waitFor({ timeout: 20_000 })]);
		// Give both event streams a moment to open (a change before that is read by the reload on open).
		await ui.page.waitForTimeout(500);
	});

	test('a person added through the API appears in every open page within 2 s, highlighted', async () => {
		const response = await ui.app.fetch('/api/orgs/acme/people', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ name: 'Outside Person', title: 'Analyst', manager: 'Jane Smith' })
		});
		expect(response.status).toBe(201);
		for (const page of [ui.page, second]) {
			const added = card(page, 'Outside Person');
			await added.waitFor({ state: 'attached', timeout: LIVE_WITHIN_MS });
			expect(await added.getAttribute('data-manager-name')).toBe('Jane Smith');
			expect(await added.getAttribute('data-highlighted')).toBe('changed');
		}
	});

	test('a change the assistant makes in one page appears in the other within 2 s', async () => {
		const box = ui.page.getByRole('textbox', { name: 'Message' });
		await box.fill('Add Lena Live as a Designer under Jane Smith');
		await box.press('Enter');
		// The tool card says the person was added (in the first page) …
		await ui.page.locator('[data-testid="tool-card"][data-status="complete"]').first().waitFor({ timeout: 20_000 });
		const doneAt = Date.now();
		// … and the second page, which did nothing, shows them within 2 s of that.
		await card(second, 'Lena Live').waitFor({ state: 'attached', timeout: LIVE_WITHIN_MS });
		expect(Date.now() - doneAt).toBeLessThan(LIVE_WITHIN_MS);
		expect(await card(second, 'Lena Live').getAttribute('data-manager-name')).toBe('Jane Smith');
	});

	test('moves and removals arrive too: the card changes place, then goes', async () => {
		const people = (await (await ui.app.fetch('/api/orgs/acme/people')).json()) as { people: { id: string; name: string }[] };
		const outside = people.people.find((person) => person.name === 'Outside Person')!;
		const moved = await ui.app.fetch(`/api/orgs/acme/people/${outside.id}`, {
			method: 'PATCH',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ manager: 'Marcus Johnson' })
		});
		expect(moved.status).toBe(200);
		await second.waitForFunction(
			() => document.querySelector('[data-person-name="Outside Person"]')?.getAttribute('data-manager-name') === 'Marcus Johnson',
			undefined,
			{ timeout: LIVE_WITHIN_MS }
		);
		expect((await ui.app.fetch(`/api/orgs/acme/people/${outside.id}`, { method: 'DELETE' })).status).toBe(200);
		await card(second, 'Outside Person').waitFor({ state: 'detached', timeout: LIVE_WITHIN_MS });
		expect(ui.problems).toEqual([]);
	});

	test('a page whose connection dropped resumes with Last-Event-ID and gets what changed meanwhile, without a reload', async () => {
		// This page talks to the app through a proxy the test can cut: the browser's view of a dropped network.
		const proxy = await startTcpProxy({ host: '127.0.0.1', port: Number(new URL(ui.app.url).port) });
		const third = await ui.browser.newPage({ viewport: { width: 1280, height: 800 } });
		try {
			await signInPage(third, ui.app);
			await third.goto(`http://127.0.0.1:${proxy.port}`);
			await card(third, 'Margaret Chen').waitFor({ timeout: 20_000 });
			await third.waitForTimeout(500);
			// One change arrives first, so the page knows where it is in the stream.
			expect((await addPerson('Before The Cut')).status).toBe(201);
			await card(third, 'Before The Cut').waitFor({ state: 'attached', timeout: LIVE_WITHIN_MS });

			const requests: { url: string; lastEventId: string | undefined }[] = [];
			third.on('request', (request) => requests.push({ url: request.url(), lastEventId: request.headers()['last-event-id'] }));
			proxy.pause();
			proxy.cut();
			expect((await addPerson('During The Cut')).status).toBe(201);
			await third.waitForTimeout(1_000);
			expect(await card(third, 'During The Cut').count()).toBe(0);
			proxy.resume();

			await card(third, 'During The Cut').waitFor({ state: 'attached', timeout: 12_000 });
			const resumed = requests.filter((request) => request.url.endsWith('/events'));
			expect(resumed.length).toBeGreaterThan(0);
			expect(resumed.every((request) => request.lastEventId !== undefined)).toBe(true);
			// Replayed from the stream: the people were not read again.
			expect(requests.filter((request) => /\/people(\?|$)/.test(request.url))).toEqual([]);
		} finally {
			await third.close();
			await proxy.close();
		}
	});
});
