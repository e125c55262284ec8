/**
 * Issue-6 browser behaviour: the conversation history (reopen an older conversation and continue
 * it, rename, delete), and a network cut in the middle of an answer (the panel says it is
 * reconnecting, then shows the whole answer once, nothing doubled).
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { chromiumAvailable, chromiumPath, useBrowserSession } from '../../helpers/browser';
import { startTcpProxy } from '../../helpers/tcp-proxy';

type ConversationList = { conversations: { id: string; title: string | null }[] };

describe.skipIf(!chromiumAvailable)(`conversation history and reconnecting (Chromium at ${chromiumPath})`, () => {
	// Slow enough that the long answer is still streaming when the network drops.
	const ui = useBrowserSession({ OFFLINE_TOKEN_DELAY_MS: '60' });
	beforeAll(async () => {
		await ui.page.goto(ui.app.url);
		await ui.page.locator('[data-testid="person-card"]').first().waitFor({ timeout: 20_000 });
	});

	const box = () => ui.page.getByRole('textbox', { name: 'Message' });
	const answers = () => ui.page.locator('[data-testid="assistant-message"]');
	const questions = () => ui.page.locator('[data-testid="user-message"]');
	const history = () => ui.page.getByRole('region', { name: 'Conversation history' });
	const settled = async () =>
		expect.poll(() => ui.page.locator('[data-testid="assistant-message"][data-streaming="true"]').count(), { timeout: 20_000 }).toBe(0);
	const ask = async (text: string) => {
		await box().fill(text);
		await box().press('Enter');
		await expect.poll(() => questions().filter({ hasText: text }).count()).toBeGreaterThan(0);
		await settled();
	};
	const conversations = async () =>
		((await (await ui.app.fetch('/api/chat/conversations?orgId=acme')).json()) as ConversationList).conversations;

	test('reopen an older conversation from the history and continue it', async () => {
		await ask('Who is Jane Smith?');
		await ui.page.getByRole('button', { name: 'New conversation' }).click();
		await expect.poll(() => questions().count()).toBe(0);
		await ask('How many people are in the org?');

		await ui.page.getByRole('button', { name: 'History', exact: true }).click();
		await history().waitFor();
		const items = history().getByRole('button', { name: /^(Who is Jane Smith\?|How many people)/ });
		await expect.poll(() => items.count()).toBe(2);
		await history().getByRole('button', { name: /^Who is Jane Smith\?/ }).click();
		await expect.poll(() => questions().first().innerText()).toContain('Who is Jane Smith?');
		expect(await questions().count()).toBe(1);

		await ask('Who reports to Jane Smith?');
		expect(await questions().count()).toBe(2);
		// The continued conversation is the newest, and still the same one.
		const listed = await conversations();
		expect(listed).toHaveLength(2);
		expect(listed[0].title).toBe('Who is Jane Smith?');
		expect(ui.problems).toEqual([]);
	});

	test('rename and delete from the history list', async () => {
		await ui.page.getByRole('button', { name: 'History', exact: true }).click();
		await history().waitFor();
		await history().getByRole('button', { name: 'Rename “How many people are in the org?”' }).click();
		const title = history().getByRole('textbox', { name: 'New title' });
		await title.fill('Headcount');
		await title.press('Enter');
		await expect.poll(async () => (await conversations()).map((item) => item.title)).toContain('Headcount');
		await history().getByRole('button', { name: 'Delete “Headcount”' }).click();
		await history().getByRole('button', { name: 'Delete', exact: true }).click();
		await expect.poll(async () => (await conversations()).map((item) => item.title)).not.toContain('Headcount');
		await expect.poll(() => history().getByText('Headcount').count()).toBe(0);
		await ui.page.getByRole('button', { name: 'History', exact: true }).click();
		expect(ui.problems).toEqual([]);
	});

	test('a network cut mid-answer shows "reconnecting…", then the whole answer once', async () => {
		// The page talks to the app through a proxy the test can cut: the browser's view of a dropped network.
		const { port } = new URL(ui.app.url);
		const proxy = await startTcpProxy({ host: '127.0.0.1', port: Number(port) });
		try {
			await ui.page.goto(`http://127.0.0.1:${proxy.port}`);
			await ui.page.locator('[data-testid="person-card"]').first().waitFor({ timeout: 20_000 });
			await ui.page.getByRole('button', { name: 'New conversation' }).click().catch(() => {});
			await box().fill('Tell me a story about a robot');
			await box().press('Enter');
			const answer = answers().last().locator('[data-testid="answer-text"]');
			await expect.poll(async () => ((await answer.count()) > 0 ? (await answer.first().innerText()).length : 0), { timeout: 15_000 }).toBeGreaterThan(10);

			proxy.pause();
			proxy.cut();
			await ui.page.getByText('reconnecting…').waitFor({ timeout: 10_000 });
			await ui.page.waitForTimeout(1500);
			proxy.resume();
			await settled();
			await expect.poll(() => ui.page.getByText('reconnecting…').count(), { timeout: 10_000 }).toBe(0);

			const [latest] = await conversations();
			const view = (await (await ui.app.fetch(`/api/chat/conversations/${latest.id}`)).json()) as { messages: { role: string; content: string }[] };
			const stored = view.messages.filter((message) => message.role === 'assistant').at(-1)!.content;
			const shown = await answer.first().innerText();
			const words = (text: string) => text.replace(/[*_`#>]/g, '').replace(/\s+/g, ' ').trim();
			expect(stored.length).toBeGreaterThan(100);
			expect(words(shown)).toBe(words(stored));
			// Only the dropped connection itself may have been reported.
			expect(ui.problems.filter((problem) => !/ERR_|Failed to fetch|network/i.test(problem))).toEqual([]);
		} finally {
			await proxy.close();
		}
	}, 60_000);
});
