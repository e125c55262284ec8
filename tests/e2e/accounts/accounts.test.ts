/**
 * Accounts end to end in a real browser, on a first run: the owner account is created on the
 * setup screen, signs out and in again; invites a viewer who joins through the link in a second
 * browser; and makes an API token that works until it is revoked. Takes docs/sign-in.png and
 * docs/members.png.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumAvailable, chromiumPath, useBrowserSession, watchPage } from '../../helpers/browser';

const docs = resolve(import.meta.dirname, '../../../docs');
const owner = { name: 'Olivia Owner', email: 'olivia@example.test', password: 'a long owner password' };

describe.skipIf(!chromiumAvailable)(`accounts in the browser (Chromium at ${chromiumPath})`, () => {
	// ADMIN_EMAIL '' starts the app with no account at all: the page must offer the setup.
	const ui = useBrowserSession({ ADMIN_EMAIL: '', ADMIN_PASSWORD: '' }, { width: 1280, height: 800 });

	// A step that waits fails on its own, naming what it waited for, before the test times out.
	beforeAll(() => ui.page.setDefaultTimeout(10_000));

	afterEach(async () => {
		// A failed step must not leave a dialog over the page for the next test.
		await ui.page.keyboard.press('Escape');
		expect(ui.problems.splice(0)).toEqual([]);
	});

	const chartShows = (page: Page, name = 'Margaret Chen') =>
		page.locator(`[data-testid="person-card"][data-person-name="${name}"]`).waitFor({ state: 'visible', timeout: 20_000 });

	async function openUserMenuItem(page: Page, item: string) {
		await page.getByTestId('user-menu').click();
		await page.getByRole('button', { name: item, exact: true }).click();
	}

	async function signInAs(email: string, password: string) {
		await ui.page.getByLabel('Email').fill(email);
		await ui.page.getByLabel('Password').fill(password);
		const answered = ui.page.waitForResponse((response) => response.url().endsWith('/api/auth/login'));
		await ui.page.getByRole('button', { name: 'Sign in' }).click();
		return (await answered).status();
	}

	test('a first run creates the owner, who signs out and back in', async () => {
		await ui.page.goto(ui.app.url);
		await ui.page.getByRole('heading', { name: 'Create the owner account' }).waitFor({ timeout: 20_000 });
		// Focus starts in the first field.
		await expect.poll(() => ui.page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('name');
		await ui.page.getByLabel('Your name').fill(owner.name);
		await ui.page.getByLabel('Email').fill(owner.email);
		await ui.page.getByLabel('Password (at least 8 characters)').fill(owner.password);
		await ui.page.getByLabel('Confirm password').fill(owner.password);
		await ui.page.getByRole('button', { name: 'Create the owner account' }).click();

		await chartShows(ui.page);
		expect(await ui.page.locator('.org-name, .org-select').first().innerText()).toContain('Acme');
		expect(await ui.page.getByTestId('org-role').textContent()).toBe('owner');

		await openUserMenuItem(ui.page, 'Sign out');
		await ui.page.getByRole('heading', { name: 'Sign in' }).waitFor();
		expect(await ui.page.locator('[data-testid="person-card"]').count()).toBe(0);

		// One generic message, whether the password is wrong or the account does not exist.
		expect(await signInAs(owner.email, 'not the password')).toBe(401);
		const alert = ui.page.getByTestId('sign-in-error');
		await expect.poll(() => alert.innerText()).not.toBe('');
		const wrongPassword = await alert.innerText();
		expect(await signInAs('nobody@example.test', 'not the password')).toBe(401);
		await expect.poll(() => alert.innerText()).toBe(wrongPassword);
		expect(await alert.getAttribute('role')).toBe('alert');
		mkdirSync(docs, { recursive: true });
		await ui.page.screenshot({ path: resolve(docs, 'sign-in.png') });

		expect(await signInAs(owner.email, owner.password)).toBe(200);
		await chartShows(ui.page);
		expect(await ui.page.getByTestId('user-menu').innerText()).toContain(owner.name);
	});

	test('the owner invites a viewer, who joins through the link in another browser', async () => {
		await ui.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ui.app.url });
		await openUserMenuItem(ui.page, 'Members');
		const screen = ui.page.getByTestId('members-screen');
		await screen.getByRole('heading', { name: 'Members of Acme Corporation' }).waitFor();
		await screen.locator(`[data-testid="member"][data-email="${owner.email}"]`).waitFor();

		await screen.getByLabel('Email').fill('viewer@example.test');
		await screen.getByLabel('Role', { exact: true }).selectOption('viewer');
		await screen.getByRole('button', { name: 'Create invitation' }).click();
		const invitation = screen.getByTestId('invitation');
		await invitation.waitFor();
		expect(await invitation.innerText()).toContain('expires in 7 days');
		await invitation.getByRole('button', { name: 'Copy' }).click();
		await invitation.getByRole('button', { name: 'Copied' }).waitFor();
		const link = await ui.page.evaluate(() => navigator.clipboard.readText());
		expect(link).toBe(await screen.getByTestId('invitation-link').inputValue());
		expect(link).toMatch(new RegExp(`^${ui.app.url}/invite#.+`));
		await ui.page.screenshot({ path: resolve(docs, 'members.png') });
		await ui.page.keyboard.press('Escape');
		await screen.waitFor({ state: 'detached' });

		const context = await ui.browser.newContext({ viewport: { width: 1280, height: 800 } });
		try {
			const guest = await context.newPage();
			guest.setDefaultTimeout(10_000);
			// 410: the used link, opened again at the end, is gone.
			watchPage(guest, ui.problems, [401, 410]);
			await guest.goto(link);
			await guest.getByRole('heading', { name: 'Join Acme Corporation as viewer' }).waitFor({ timeout: 20_000 });
			expect(await guest.getByTestId('invited-email').innerText()).toBe('viewer@example.test');
			await guest.getByLabel('Your name').fill('Vera Viewer');
			await guest.getByLabel('Password (at least 8 characters)').fill('a long viewer password');
			await guest.getByLabel('Confirm password').fill('a long viewer password');
			await guest.getByRole('button', { name: 'Join Acme Corporation' }).click();

			await chartShows(guest);
			expect(new URL(guest.url()).pathname).toBe('/');
			expect(await guest.getByTestId('org-role').textContent()).toBe('viewer');
			// Viewers are not offered member management.
			await guest.getByTestId('user-menu').click();
			await guest.getByRole('button', { name: 'API tokens' }).waitFor();
			expect(await guest.getByRole('button', { name: 'Members' }).count()).toBe(0);

			// The link works once.
			await guest.goto(link);
			await guest.getByRole('heading', { name: 'This invitation cannot be used' }).waitFor({ timeout: 20_000 });
		} finally {
			await context.close();
		}

		await openUserMenuItem(ui.page, 'Members');
		await ui.page.locator('[data-testid="member"][data-email="viewer@example.test"][data-role="viewer"]').waitFor();
		await ui.page.keyboard.press('Escape');
	});

	test('an API token works with a bearer header until it is revoked', async () => {
		await openUserMenuItem(ui.page, 'API tokens');
		const screen = ui.page.getByTestId('tokens-screen');
		await screen.getByLabel('Name').fill('CI script');
		await screen.getByRole('button', { name: 'Create token' }).click();
		const secret = screen.getByTestId('new-token-value');
		await secret.waitFor();
		const token = await secret.inputValue();
		expect(await screen.getByTestId('new-token').innerText()).toContain('will not be shown again');
		expect(await screen.locator('code').innerText()).toBe(`curl -H "Authorization: Bearer ${token}" ${ui.app.url}/api/orgs/acme/people`);

		const asScript = () => fetch(`${ui.app.url}/api/orgs/acme/people`, { headers: { authorization: `Bearer ${token}` } });
		const allowed = await asScript();
		expect(allowed.status).toBe(200);
		expect(((await allowed.json()) as { people: unknown[] }).people.length).toBeGreaterThan(0);

		const row = screen.locator('[data-testid="api-token"][data-token-name="CI script"]');
		await row.waitFor();
		await row.getByRole('button', { name: 'Revoke CI script' }).click();
		await row.waitFor({ state: 'detached' });
		expect((await asScript()).status).toBe(401);
	});
});
