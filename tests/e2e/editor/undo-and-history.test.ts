/**
 * Undo from the assistant's tool card and from the History view, in a real browser with the
 * offline assistant: the card's Undo removes the person it added and says so; a second undo of
 * the same change shows the server's reason; the History view lists who did what, pages, and
 * undoes. Takes docs/history.png.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { chromiumAvailable, chromiumPath, revealPeople, useBrowserSession } from '../../helpers/browser';

const docs = resolve(import.meta.dirname, '../../../docs');

describe.skipIf(!chromiumAvailable)(`undo and history (Chromium at ${chromiumPath})`, () => {
	const ui = useBrowserSession({}, { width: 1440, height: 900 });
	const card = (name: string) => ui.page.locator(`[data-testid="person-card"][data-person-name="${name}"]`);

	beforeAll(async () => {
		ui.page.setDefaultTimeout(15_000);
		await ui.page.goto(ui.app.url);
		await card('Margaret Chen').waitFor({ timeout: 30_000 });
		await revealPeople(ui.page, ['Jane Smith']);
	});
	afterEach(() => expect(ui.problems.splice(0)).toEqual([]));

	test('Undo on the tool card removes the person the assistant added', async () => {
		const box = ui.page.getByRole('textbox', { name: 'Message' });
		await box.fill('Add Anna Kowalski as Engineer under Jane Smith');
		await box.press('Enter');
		const toolCard = ui.page.locator('[data-testid="tool-card"][data-tool-name="addUser"][data-status="complete"]');
		await toolCard.waitFor({ timeout: 30_000 });
		await card('Anna Kowalski').waitFor({ state: 'attached' });
		expect(await card('Anna Kowalski').getAttribute('data-manager-name')).toBe('Jane Smith');

		await toolCard.getByRole('button', { name: 'Undo' }).click();
		await card('Anna Kowalski').waitFor({ state: 'detached' });
		await expect.poll(() => toolCard.getByTestId('tool-undo').getAttribute('data-undo-state')).toBe('done');
		expect(await toolCard.getByTestId('tool-undo').textContent()).toContain('Undone');
	});

	test('the History view lists the changes with who made them, and undoes one', async () => {
		// A change through the API (the owner's session), and one that is later blocked from undo.
		const moved = await ui.app.fetch('/api/orgs/acme/people', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ name: 'Priya Raman', title: 'Platform Engineer', department: 'Engineering', manager: 'Marcus Johnson' })
		});
		expect(moved.status).toBe(201);
		const people = (await (await ui.app.fetch('/api/orgs/acme/people')).json()) as { people: { id: string; name: string }[] };
		const raj = people.people.find((person) => person.name === 'Raj Mehta');
		const edited = await ui.app.fetch(`/api/orgs/acme/people/${raj?.id}`, {
			method: 'PATCH',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ title: 'Senior SRE', manager: 'Jane Smith' })
		});
		expect(edited.status).toBe(200);

		await ui.page.getByRole('button', { name: 'History of changes' }).click();
		const dialog = ui.page.getByTestId('history-dialog');
		const rows = dialog.getByTestId('change-row');
		await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(3);
		// Newest first: the REST edit and add, then the assistant's undo of its own add (an undo), then the add itself, undone.
		expect(await rows.nth(0).textContent()).toContain('Edit Raj Mehta: title; move to Jane Smith');
		expect(await rows.nth(1).textContent()).toContain('Add Priya Raman (Platform Engineer) under Marcus Johnson');
		const assistantAdd = rows.filter({ hasText: 'Anna Kowalski' }).filter({ hasText: 'Undone' });
		expect(await assistantAdd.count()).toBe(1);
		expect(await assistantAdd.textContent()).toMatch(/Assistant \(.*conversation [0-9a-f]{8}/);
		mkdirSync(docs, { recursive: true });
		await ui.page.screenshot({ path: resolve(docs, 'history.png') });

		await rows.nth(1).getByRole('button', { name: /^Undo/ }).click();
		await card('Priya Raman').waitFor({ state: 'detached' });
		await expect.poll(() => rows.filter({ hasText: 'Priya Raman' }).filter({ hasText: 'Undone' }).count()).toBe(1);
	});

	test('an undo that later changes block shows the reason from the server', async () => {
		const created = await ui.app.fetch('/api/orgs/acme/people', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ name: 'Lena Vogel', title: 'Data Engineer', manager: 'Jane Smith' })
		});
		const { person } = (await created.json()) as { person: { id: string } };
		const edited = await ui.app.fetch(`/api/orgs/acme/people/${person.id}`, {
			method: 'PATCH',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ title: 'Senior Data Engineer' })
		});
		expect(edited.status).toBe(200);
		const dialog = ui.page.getByTestId('history-dialog');
		await dialog.getByRole('button', { name: 'Close' }).click();
		await ui.page.getByRole('button', { name: 'History of changes' }).click();
		const add = dialog.getByTestId('change-row').filter({ hasText: 'Add Lena Vogel' });
		await add.getByRole('button', { name: /^Undo/ }).click();
		await expect.poll(() => add.getByTestId('undo-refusal').textContent(), { timeout: 10_000 }).toMatch(/^Cannot undo/);
		expect(await add.getByTestId('undo-refusal').textContent()).toContain('Undo that change first.');
		// The refusal is the server's 409, which Chromium logs; it is the answer here, not a problem.
		expect(ui.problems.splice(0)).toEqual([expect.stringContaining('status of 409')]);
	});

	test('the History view pages back through older changes', async () => {
		const people = (await (await ui.app.fetch('/api/orgs/acme/people')).json()) as { people: { id: string; name: string }[] };
		const tom = people.people.find((person) => person.name === 'Tom Becker');
		for (let step = 1; step <= 26; step++) {
			const edited = await ui.app.fetch(`/api/orgs/acme/people/${tom?.id}`, {
				method: 'PATCH',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ location: `Office ${step}` })
			});
			expect(edited.status).toBe(200);
		}
		const dialog = ui.page.getByTestId('history-dialog');
		await dialog.getByRole('button', { name: 'Close' }).click();
		await ui.page.getByRole('button', { name: 'History of changes' }).click();
		const rows = dialog.getByTestId('change-row');
		await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(25);
		const total = (await (await ui.app.fetch('/api/orgs/acme/changes?limit=200')).json()) as { changes: unknown[] };
		await dialog.getByRole('button', { name: 'Show older changes' }).click();
		await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(total.changes.length);
		// The oldest changes are the ones from the first test, last.
		expect(await rows.last().textContent()).toContain('Add Anna Kowalski (Engineer) under Jane Smith');
		expect(await dialog.getByRole('button', { name: 'Show older changes' }).count()).toBe(0);
	});
});
