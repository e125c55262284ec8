/**
 * The chart as a newcomer sees it at 1440×900: the first view and "Fit to screen" keep every card's
 * text at 11 px or more (collapsing levels rather than shrinking), open roles are drawn dashed as
 * "Open role", dotted-line managers as dashed edges, and the department legend filters the chart.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { chromiumAvailable, chromiumPath, useBrowserSession } from '../../helpers/browser';

describe.skipIf(!chromiumAvailable)(`a readable chart (Chromium at ${chromiumPath})`, () => {
	const ui = useBrowserSession({}, { width: 1440, height: 900 });
	const cards = () => ui.page.locator('[data-testid="person-card"]');

	/** The smallest text of any card on screen, in screen pixels, and how many cards are fully on screen. */
	const onScreen = () =>
		ui.page.evaluate(() => {
			const pane = document.querySelector('.svelte-flow')!.getBoundingClientRect();
			let smallest = Infinity;
			let whole = 0;
			for (const card of document.querySelectorAll<HTMLElement>('[data-testid="person-card"]')) {
				const box = card.getBoundingClientRect();
				if (box.right < pane.left || box.left > pane.right || box.bottom < pane.top || box.top > pane.bottom) continue;
				if (box.left >= pane.left && box.right <= pane.right && box.top >= pane.top && box.bottom <= pane.bottom) whole++;
				const scale = box.width / card.offsetWidth;
				for (const text of card.querySelectorAll<HTMLElement>('.name, .title, .department')) {
					smallest = Math.min(smallest, parseFloat(getComputedStyle(text).fontSize) * scale);
				}
			}
			return { smallest, whole };
		});

	beforeAll(async () => {
		const call = (method: string, path: string, body: object) =>
			ui.app.fetch(path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
		expect((await call('POST', '/api/orgs/acme/people', { title: 'Senior Engineer', vacancy: true, manager: 'Jane Smith' })).status).toBe(201);
		const people = ((await (await ui.app.fetch('/api/orgs/acme/people')).json()) as { people: { id: string; name: string }[] }).people;
		const raj = people.find((person) => person.name === 'Raj Mehta')!;
		expect((await call('PATCH', `/api/orgs/acme/people/${raj.id}`, { dottedLineManagerIds: ['Marcus Johnson'] })).status).toBe(200);
		await ui.page.goto(ui.app.url);
		await cards().first().waitFor({ timeout: 20_000 });
		await ui.page.waitForTimeout(400);
	});

	test('the first view shows the top of the chart, whole cards, with text of 11 px or more', async () => {
		const view = await onScreen();
		expect(view.smallest).toBeGreaterThanOrEqual(11);
		expect(view.whole).toBeGreaterThan(1);
		// The top of the chart is on screen.
		const root = ui.page.locator('[data-testid="person-card"]:not([data-manager-name])').first();
		expect(await root.isVisible()).toBe(true);
	});

	test('"Fit to screen" after opening everything collapses levels instead of shrinking the text', async () => {
		// Open every collapsed manager, so the whole chart would have to fit.
		for (let round = 0; round < 8; round++) {
			const opened = await ui.page.evaluate(() => {
				const closed = [...document.querySelectorAll<HTMLButtonElement>('[data-testid="person-card"] button[aria-expanded="false"]')];
				for (const button of closed) button.click();
				return closed.length;
			});
			if (opened === 0) break;
			await ui.page.waitForTimeout(150);
		}
		const everyone = ((await (await ui.app.fetch('/api/orgs/acme/people')).json()) as { people: unknown[] }).people.length;
		expect(await cards().count()).toBe(everyone);
		await ui.page.getByRole('button', { name: 'Fit to screen' }).click();
		await ui.page.waitForTimeout(700);
		const view = await onScreen();
		expect(view.smallest).toBeGreaterThanOrEqual(11);
		expect(view.whole).toBeGreaterThan(1);
		// It showed more by collapsing levels.
		expect(await cards().count()).toBeLessThan(everyone);
	});

	test('an open role is a dashed card saying "Open role" with its title, and counts apart from people', async () => {
		const revealed = ui.page.getByRole('combobox', { name: 'Search people' });
		await revealed.fill('Senior Engineer');
		await revealed.press('Enter');
		const open = ui.page.locator('[data-testid="person-card"][data-vacancy="true"]');
		await open.waitFor({ timeout: 5_000 });
		expect(await open.locator('.name').innerText()).toBe('Open role');
		expect(await open.innerText()).toContain('Senior Engineer');
		expect(await open.evaluate((element) => getComputedStyle(element).borderTopStyle)).toBe('dashed');
		expect(await ui.page.getByTestId('open-role-count').innerText()).toBe('1 open role');
		const people = ((await (await ui.app.fetch('/api/orgs/acme/people')).json()) as { people: { vacancy: boolean }[] }).people;
		expect(await ui.page.getByTestId('people-count').innerText()).toBe(`${people.filter((person) => !person.vacancy).length} people`);
	});

	test('a dotted-line manager is drawn as a dashed edge to the person', async () => {
		const search = ui.page.getByRole('combobox', { name: 'Search people' });
		await search.fill('Raj Mehta');
		await search.press('Enter');
		await ui.page.locator('[data-person-name="Raj Mehta"]').waitFor();
		const people = ((await (await ui.app.fetch('/api/orgs/acme/people')).json()) as { people: { id: string; name: string }[] }).people;
		const id = (name: string) => people.find((person) => person.name === name)!.id;
		const edge = ui.page.locator(`.svelte-flow__edge.dotted-line[data-id="dotted:${id('Marcus Johnson')}->${id('Raj Mehta')}"]`);
		// Marcus may be collapsed away; open the whole chart's path to him first.
		await search.fill('Marcus Johnson');
		await search.press('Enter');
		await edge.waitFor({ state: 'attached', timeout: 5_000 });
		const dash = await edge.locator('path.svelte-flow__edge-path').evaluate((path) => getComputedStyle(path).strokeDasharray);
		expect(dash).not.toBe('none');
	});

	test('the department legend filters the chart to one department and back', async () => {
		await ui.page.locator('[data-testid="department-legend"] summary').click();
		await ui.page.getByRole('button', { name: 'Engineering', exact: true }).click();
		await ui.page.waitForTimeout(400);
		const shown = await cards().evaluateAll((list) =>
			list.map((card) => ({ department: card.querySelector('.department')?.textContent ?? null, manager: card.getAttribute('data-manager-name') }))
		);
		expect(shown.filter((card) => card.department === 'Engineering').length).toBeGreaterThan(0);
		// Everyone else shown is a manager above an engineer, so the chart still hangs together.
		const names = await cards().evaluateAll((list) => list.map((card) => card.getAttribute('data-person-name')));
		const managers = new Set(shown.map((card) => card.manager));
		names.forEach((name, index) => {
			if (shown[index].department !== 'Engineering') expect(managers.has(name), `${name} is neither in Engineering nor above it`).toBe(true);
		});
		await ui.page.locator('[data-testid="department-legend"] summary').click();
		await ui.page.getByRole('button', { name: 'All departments' }).click();
		await ui.page.waitForTimeout(400);
		const departments = await cards().evaluateAll((list) => [...new Set(list.map((card) => card.querySelector('.department')?.textContent))]);
		expect(departments).toEqual(expect.arrayContaining(['Engineering', 'Finance', 'Marketing', 'Sales']));
		expect(ui.problems).toEqual([]);
	});
});
