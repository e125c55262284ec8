/**
 * Hostile names and titles in a real browser: people created through the API with markup in
 * their fields show as literal text, nothing is injected or run, and an assistant answer that
 * names a person whose name is a markdown image shows that name as text and loads no image.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { Request } from 'playwright-core';
import { chromiumAvailable, chromiumPath, useBrowserSession } from '../../helpers/browser';

describe.skipIf(!chromiumAvailable)(`hostile input in the browser (Chromium at ${chromiumPath})`, () => {
	const ui = useBrowserSession();
	const dialogs: string[] = [];
	const consoleErrors: string[] = [];
	const requests: string[] = [];
	let imageName = '';
	let hostile: { name: string; title: string }[] = [];

	beforeAll(async () => {
		imageName = `![x](${ui.app.url}/x)`;
		hostile = [
			{ name: '<img src=/x onerror=alert(1)>', title: '<script>alert(2)</script> **Lead**' },
			{ name: '<b onmouseover=alert(3)>Bold Name</b>', title: '[click](javascript:alert(4))' },
			{ name: imageName, title: '<svg onload=alert(5)>' },
			{ name: '<img src=x onerror=alert(1)>', title: 'Engineer' }
		];
		for (const person of hostile) {
			const response = await ui.app.fetch('/api/orgs/acme/people', {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ ...person, manager: 'Margaret Chen' })
			});
			expect(response.status).toBe(201);
		}
		ui.page.on('dialog', (dialog) => {
			dialogs.push(dialog.message());
			void dialog.dismiss();
		});
		ui.page.on('console', (message) => {
			if (message.type() === 'error') consoleErrors.push(message.text());
		});
		ui.page.on('pageerror', (error) => consoleErrors.push(error.message));
		ui.page.on('request', (request: Request) => requests.push(request.url()));
		await ui.page.goto(ui.app.url);
		await ui.page.locator('[data-testid="person-card"][data-person-name="Margaret Chen"]').waitFor({ timeout: 20_000 });
	});

	/** Elements or attributes that only an injection could have put on the page. */
	const injected = () =>
		ui.page.evaluate(() => {
			const found: string[] = [];
			for (const element of document.querySelectorAll('*')) {
				for (const attribute of element.attributes) if (/^on/i.test(attribute.name)) found.push(`${element.tagName} ${attribute.name}`);
				if (element.tagName === 'SCRIPT' && /alert/.test(element.textContent ?? '')) found.push('script');
				if (element.tagName === 'IMG' && /\/x$/.test((element as HTMLImageElement).src)) found.push('img /x');
				if (element.tagName === 'A' && /^javascript:/i.test(element.getAttribute('href') ?? '')) found.push('javascript: link');
			}
			return found;
		});

	const noImageRequest = () => requests.filter((url) => url === `${ui.app.url}/x` || !url.startsWith(ui.app.url));

	test('hostile names and titles show as literal text on the chart, and nothing runs', async () => {
		const cards = ui.page.locator('[data-testid="person-card"]');
		for (const person of hostile) {
			const card = cards.filter({ hasText: person.name });
			await card.first().waitFor({ state: 'attached', timeout: 10_000 });
			expect(await card.first().getAttribute('data-person-name')).toBe(person.name);
			const text = await card.first().textContent();
			expect(text).toContain(person.name);
			expect(text).toContain(person.title);
		}
		await ui.page.waitForTimeout(500);
		expect(await injected()).toEqual([]);
		expect(noImageRequest()).toEqual([]);
		expect(dialogs).toEqual([]);
		expect(consoleErrors).toEqual([]);
	});

	test('an answer naming a person whose name is a markdown image loads no image, and shows the name as typed', async () => {
		const box = ui.page.getByRole('textbox', { name: 'Message' });
		await box.fill(`Who is ${imageName}?`);
		await box.press('Enter');
		await ui.page.locator('[data-testid="assistant-message"][data-streaming="false"]').first().waitFor({ timeout: 20_000 });
		const answer = ui.page.locator('[data-testid="assistant-message"]').first();
		expect(await answer.locator('img').count()).toBe(0);
		// The assistant escapes names as text: the name is neither an image nor a link, just the characters typed.
		expect(await answer.locator(`a[href="${ui.app.url}/x"]`).count()).toBe(0);
		expect(await answer.locator('[data-testid="answer-text"]').first().innerText()).toContain(imageName);
		// The user's own message shows what they typed, as text.
		expect(await ui.page.getByText(`Who is ${imageName}?`, { exact: true }).count()).toBeGreaterThan(0);
		await ui.page.waitForTimeout(500);
		expect(await injected()).toEqual([]);
		expect(noImageRequest()).toEqual([]);
		expect(dialogs).toEqual([]);
		expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
	});

	test('a person named <img src=x onerror=alert(1)> is text in the search and in an answer, and /x is never requested', async () => {
		const name = '<img src=x onerror=alert(1)>';
		const search = ui.page.getByRole('combobox', { name: 'Search people' });
		await search.fill('img src=x');
		const option = ui.page.getByRole('option').filter({ hasText: name });
		await option.first().waitFor({ timeout: 5_000 });
		expect(await ui.page.getByRole('listbox').locator('img').count()).toBe(0);
		await search.press('Enter');
		await ui.page.locator('[data-testid="person-card"]').filter({ hasText: name }).first().waitFor({ timeout: 5_000 });

		const box = ui.page.getByRole('textbox', { name: 'Message' });
		await box.fill(`Who is ${name}?`);
		await box.press('Enter');
		const answer = ui.page.locator('[data-testid="assistant-message"][data-streaming="false"]').last();
		await ui.page.waitForFunction(
			(count) => document.querySelectorAll('[data-testid="assistant-message"][data-streaming="false"]').length > count,
			1,
			{ timeout: 20_000 }
		);
		expect(await answer.locator('[data-testid="answer-text"]').first().innerText()).toContain(name);
		expect(await answer.locator('img').count()).toBe(0);
		await ui.page.waitForTimeout(500);
		expect(await injected()).toEqual([]);
		expect(noImageRequest()).toEqual([]);
		expect(dialogs).toEqual([]);
		expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
	});
});
