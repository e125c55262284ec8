/**
 * A large organization (3,000 generated people and a team of 137) in a real browser: the chart
 * opens on the top levels without loading everyone, expanding a manager loads their reports,
 * "N more…" pages through a large team, search flies to someone deep in the tree, and the
 * assistant's changes show up live.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { generateOrg, type GeneratedPerson } from '../../../bench/lib/generate-org';
import { chromiumAvailable, chromiumPath, launchBrowser, signInPage, watchPage } from '../../helpers/browser';
import { startAppWithGeneratedOrgs, type AppWithOrgs } from '../../helpers/generated-orgs';

const people = generateOrg(3000, { seed: 7 });
const byId = new Map(people.map((person) => [person.id, person]));
const reportsOf = (id: string) => people.filter((person) => person.managerId === id);
const sameName = (name: string) => people.filter((person) => person.name === name).length;
// A director (third level) whose team is large: 130 more people than the generated org gave them.
const bigTeamManager = people.find((person) => person.level === 2 && reportsOf(person.id).length > 0)!;
const bigTeam: GeneratedPerson[] = generateOrg(130, { seed: 8 }).map((person, index) => ({
	...person,
	managerId: bigTeamManager.id,
	level: bigTeamManager.level + 1,
	email: `team.${index}@example.com`
}));
people.push(...bigTeam);
// Another director, with an ordinary team, and someone at the bottom of the tree; each name unique.
const director = people.find((person) => person.level === 2 && person !== bigTeamManager && reportsOf(person.id).length > 1 && sameName(person.name) === 1)!;
const deepest = Math.max(...people.map((person) => person.level));
const deepPerson = people.find((person) => person.level === deepest && sameName(person.name) === 1 && reportsOf(person.managerId!).length > 1)!;

describe.skipIf(!chromiumAvailable)(`the chart of a large organization (Chromium at ${chromiumPath})`, () => {
	let served: AppWithOrgs;
	let browser: Browser;
	let page: Page;
	const problems: string[] = [];
	const card = (person: GeneratedPerson) => page.locator(`[data-testid="person-card"][data-person-id="${person.id}"]`);
	const reportCards = (manager: GeneratedPerson) => page.locator(`[data-testid="person-card"][data-manager-name="${manager.name}"]`);
	const toggleOf = (person: GeneratedPerson) => card(person).locator('button.toggle');
	const moreOf = (manager: GeneratedPerson) => page.locator(`[data-testid="more-reports"][data-manager-name="${manager.name}"]`);
	const moreButton = (manager: GeneratedPerson) => page.getByRole('button', { name: `Show more reports of ${manager.name}` });

	beforeAll(async () => {
		served = await startAppWithGeneratedOrgs([{ slug: 'big', name: 'Big Co', size: people.length, people }]);
		browser = await launchBrowser();
		page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
		watchPage(page, problems);
		await signInPage(page, served.app);
		await page.goto(`${served.app.url}/?org=big`);
	}, 240_000);

	afterAll(async () => {
		await browser?.close();
		await served?.stop();
	});

	/** Drags the chart, as a user does, until `target` is well inside it. */
	async function bringIntoView(target: Locator) {
		for (let attempt = 0; attempt < 30; attempt++) {
			const [box, pane] = [await target.boundingBox(), await page.locator('.svelte-flow').boundingBox()];
			if (!box || !pane) throw new Error('not on the page');
			const dx = pane.x + pane.width / 2 - (box.x + box.width / 2);
			const dy = pane.y + pane.height / 2 - (box.y + box.height / 2);
			if (Math.abs(dx) < pane.width / 2 - box.width && Math.abs(dy) < pane.height / 2 - box.height) return;
			const start = await page.evaluate(() => {
				const area = document.querySelector('.svelte-flow')!.getBoundingClientRect();
				for (let y = area.top + area.height / 2; y < area.bottom - 20; y += 17) {
					for (let x = area.left + area.width / 3; x < area.right - 20; x += 23) {
						if (document.elementFromPoint(x, y)?.classList.contains('svelte-flow__pane')) return { x, y };
					}
				}
				return { x: area.left + area.width / 2, y: area.top + area.height / 2 };
			});
			const clamp = (value: number) => Math.max(-600, Math.min(600, value));
			await page.mouse.move(start.x, start.y);
			await page.mouse.down();
			await page.mouse.move(start.x + clamp(dx), start.y + clamp(dy), { steps: 6 });
			await page.mouse.up();
		}
		throw new Error('could not bring it into view');
	}

	test('opens on the top levels, with the headcount of everyone and report counts on the collapsed managers', async () => {
		const root = people[0];
		await card(root).waitFor({ state: 'visible', timeout: 30_000 });
		await expect.poll(() => page.getByTestId('people-count').innerText()).toBe(`${people.length} people`);
		// The top three levels, not the thousands below them.
		const shown = await page.locator('[data-testid="person-card"]').count();
		expect(shown).toBe(people.filter((person) => person.level <= 2).length);
		expect(await card(reportsOf(director.id)[0]).count()).toBe(0);
		const reports = reportsOf(director.id).length;
		expect(await toggleOf(director).getAttribute('aria-label')).toBe(`Show the ${reports} reports of ${director.name}`);
		expect(await toggleOf(director).innerText()).toContain(String(reports));
		expect(await toggleOf(director).getAttribute('aria-expanded')).toBe('false');
	});

	test('expanding a manager loads and shows their reports', async () => {
		await bringIntoView(card(director));
		await toggleOf(director).click();
		const team = reportsOf(director.id);
		await expect.poll(() => reportCards(director).count(), { timeout: 10_000 }).toBe(team.length);
		expect(await toggleOf(director).getAttribute('aria-label')).toBe(`Hide the ${team.length} reports of ${director.name}`);
		// Collapsing and expanding again needs nothing more from the server. (Opening the team laid
		// the chart out again, at a readable zoom: the card may have moved out of view.)
		await bringIntoView(card(director));
		await toggleOf(director).click();
		await expect.poll(() => reportCards(director).count()).toBe(0);
		await bringIntoView(card(director));
		await toggleOf(director).click();
		await expect.poll(() => reportCards(director).count()).toBe(team.length);
	});

	test('a large team comes a page at a time, with "N more…" for the rest', { timeout: 90_000 }, async () => {
		const team = reportsOf(bigTeamManager.id).length;
		await bringIntoView(card(bigTeamManager));
		await toggleOf(bigTeamManager).click();
		await expect.poll(() => reportCards(bigTeamManager).count(), { timeout: 10_000 }).toBe(100);
		const more = moreOf(bigTeamManager);
		expect(await more.getAttribute('data-count')).toBe(String(team - 100));
		expect(await more.innerText()).toContain(`${team - 100} more`);
		await bringIntoView(more);
		await moreButton(bigTeamManager).click();
		await expect.poll(() => reportCards(bigTeamManager).count(), { timeout: 10_000 }).toBe(team);
		expect(await more.count()).toBe(0);
	});

	test('search finds someone deep in the tree and flies to them, loading the managers above', async () => {
		const search = page.getByRole('combobox', { name: 'Search people' });
		await search.fill(deepPerson.name);
		const option = page.locator(`[role="option"][data-person-id="${deepPerson.id}"]`);
		await option.waitFor({ timeout: 10_000 });
		await search.press('Enter');
		const found = card(deepPerson);
		await found.waitFor({ state: 'visible', timeout: 10_000 });
		// Centred in the chart.
		await expect
			.poll(async () => {
				const [box, pane] = [await found.boundingBox(), await page.locator('.svelte-flow').boundingBox()];
				return Math.round(Math.abs(box!.x + box!.width / 2 - (pane!.x + pane!.width / 2)) + Math.abs(box!.y + box!.height / 2 - (pane!.y + pane!.height / 2)));
			})
			.toBeLessThan(4);
		const manager = byId.get(deepPerson.managerId!)!;
		expect(await found.getAttribute('data-manager-name')).toBe(manager.name);
		expect(await card(manager).count()).toBe(1);
		// Their teammates are not loaded yet: "N more…" says how many there are.
		const teammates = reportsOf(manager.id).length - 1;
		expect(await moreOf(manager).getAttribute('data-count')).toBe(String(teammates));
		await moreButton(manager).click();
		await expect.poll(() => reportCards(manager).count(), { timeout: 10_000 }).toBe(teammates + 1);
	});

	test('a person the assistant adds deep in the tree appears under their manager', async () => {
		const box = page.getByRole('textbox', { name: 'Message' });
		await box.fill(`Add Quinn Newcomer as a developer under ${deepPerson.name}`);
		await box.press('Enter');
		await page.locator('[data-testid="tool-card"][data-tool-name="addUser"][data-status="complete"]').waitFor({ timeout: 30_000 });
		const added = page.locator('[data-testid="person-card"][data-person-name="Quinn Newcomer"]');
		await added.waitFor({ state: 'visible', timeout: 15_000 });
		expect(await added.getAttribute('data-manager-name')).toBe(deepPerson.name);
		await expect.poll(() => added.getAttribute('data-highlighted')).toBe('changed');
		await expect.poll(() => page.getByTestId('people-count').innerText()).toBe(`${people.length + 1} people`);
		expect(problems).toEqual([]);
	});
});
