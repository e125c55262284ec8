/** Conversation history (list, rename, delete) and the non-streaming POST /api/chat, on the built server. */
import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import type { Person } from '../../src/lib/protocol';
import { addMember, json } from '../helpers/accounts';
import type { AppServer } from '../helpers/app-server';
import { stackTargets, useAppServer } from '../helpers/targets';

type ChatResult = {
	conversationId: string;
	runId: string;
	message: { content: string; toolCalls: { id: string; name: string; arguments: unknown; status: string; result?: unknown; error?: string }[]; finishReason: string | null };
};
type ConversationList = { conversations: { id: string; title: string | null; updatedAt: string; lastRunStatus: string | null }[]; nextCursor: string | null };

const chat = async (fetchAs: AppServer['fetch'], body: Record<string, unknown>) => {
	const response = await fetchAs('/api/chat', { method: 'POST', headers: json, body: JSON.stringify(body) });
	return { status: response.status, body: (await response.json()) as ChatResult };
};

for (const target of stackTargets()) {
	describe(`conversation history and POST /api/chat (${target.label})`, () => {
		const app = useAppServer(target, () => ({ CHAT_RUNS_PER_MINUTE: '1000', TOOL_APPROVAL: 'none' }));
		const people = async (): Promise<Person[]> => ((await (await app().fetch('/api/orgs/acme/people')).json()) as { people: Person[] }).people;

		test('POST /api/chat waits for the answer and returns its text, tool calls and finish reason', async () => {
			const { status, body } = await chat(app().fetch, { text: 'Add Nora Quinn as a developer under Jane Smith', orgId: 'acme' });
			expect(status).toBe(200);
			expect(body.conversationId).toMatch(/^[0-9a-f-]{36}$/);
			expect(body.runId).toMatch(/^[0-9a-f-]{36}$/);
			expect(body.message.finishReason).toBe('stop');
			expect(body.message.content).toContain('Nora Quinn');
			expect(body.message.toolCalls).toEqual([
				expect.objectContaining({ name: 'addUser', status: 'complete', arguments: expect.objectContaining({ name: 'Nora Quinn', manager: 'Jane Smith' }) })
			]);
			expect(body.message.toolCalls[0].result).toMatchObject({ person: { name: 'Nora Quinn', title: 'Developer' } });
			expect((await people()).filter((person) => person.name === 'Nora Quinn')).toHaveLength(1);
		});

		test('a retry with the same clientMessageId returns the same run and changes nothing twice', async () => {
			const body = { text: 'Add Omar Reyes as a developer under Jane Smith', orgId: 'acme', clientMessageId: randomUUID() };
			const [first, second] = await Promise.all([chat(app().fetch, body), chat(app().fetch, body)]);
			const third = await chat(app().fetch, body);
			expect(first.status).toBe(200);
			expect(second.body.runId).toBe(first.body.runId);
			expect(third.body.runId).toBe(first.body.runId);
			expect(third.body.message.content).toBe(first.body.message.content);
			expect((await people()).filter((person) => person.name === 'Omar Reyes')).toHaveLength(1);
		});

		test('the history lists only the caller’s conversations, newest first, in pages', async () => {
			const member = await addMember(app(), 'acme', 'viewer');
			const ids: string[] = [];
			for (const text of ['Who is Jane Smith?', 'How many people are in the org?', 'Who reports to Jane Smith?']) {
				ids.push((await chat(member.fetch, { text, orgId: 'acme' })).body.conversationId);
			}
			// Continuing the first conversation moves it to the top.
			await chat(member.fetch, { text: 'Who is Jane Smith?', orgId: 'acme', conversationId: ids[0] });
			const first = (await (await member.fetch('/api/chat/conversations?orgId=acme&limit=2')).json()) as ConversationList;
			expect(first.conversations.map((item) => item.id)).toEqual([ids[0], ids[2]]);
			expect(first.conversations[0]).toMatchObject({ title: 'Who is Jane Smith?', lastRunStatus: 'done' });
			expect(first.nextCursor).toBeTypeOf('string');
			const second = (await (await member.fetch(`/api/chat/conversations?orgId=acme&limit=2&cursor=${first.nextCursor}`)).json()) as ConversationList;
			expect(second.conversations.map((item) => item.id)).toEqual([ids[1]]);
			expect(second.nextCursor).toBeNull();
			// The owner's own list has none of them.
			const owners = (await (await app().fetch('/api/chat/conversations?orgId=acme&limit=100')).json()) as ConversationList;
			expect(owners.conversations.some((item) => ids.includes(item.id))).toBe(false);
			// A made-up cursor is refused, not guessed at.
			expect((await member.fetch('/api/chat/conversations?orgId=acme&cursor=bm9wZQ')).status).toBe(400);
			expect((await member.fetch('/api/chat/conversations?orgId=nope')).status).toBe(404);
		});

		test('rename and delete a conversation; it is gone afterwards, and others cannot touch it', async () => {
			const member = await addMember(app(), 'acme', 'editor');
			const { conversationId } = (await chat(member.fetch, { text: 'Who is Jane Smith?', orgId: 'acme' })).body;
			const renamed = await member.fetch(`/api/chat/conversations/${conversationId}`, { method: 'PATCH', headers: json, body: JSON.stringify({ title: 'About Jane' }) });
			expect(renamed.status).toBe(200);
			expect((await renamed.json()).conversation).toMatchObject({ id: conversationId, title: 'About Jane' });
			const listed = (await (await member.fetch('/api/chat/conversations?orgId=acme')).json()) as ConversationList;
			expect(listed.conversations[0]).toMatchObject({ id: conversationId, title: 'About Jane' });
			const empty = await member.fetch(`/api/chat/conversations/${conversationId}`, { method: 'PATCH', headers: json, body: JSON.stringify({ title: '  ' }) });
			expect(empty.status).toBe(400);
			expect((await app().fetch(`/api/chat/conversations/${conversationId}`, { method: 'DELETE' })).status).toBe(404);
			expect((await member.fetch(`/api/chat/conversations/${conversationId}`, { method: 'DELETE' })).status).toBe(200);
			expect((await member.fetch(`/api/chat/conversations/${conversationId}`)).status).toBe(404);
			const after = (await (await member.fetch('/api/chat/conversations?orgId=acme')).json()) as ConversationList;
			expect(after.conversations.some((item) => item.id === conversationId)).toBe(false);
		});

		test('a viewer’s request to change people comes back with the forbidden tool error and changes nothing', async () => {
			const viewer = await addMember(app(), 'acme', 'viewer');
			const before = await people();
			const { status, body } = await chat(viewer.fetch, { text: 'Remove Priya Patel', orgId: 'acme' });
			expect(status).toBe(200);
			expect(body.message.toolCalls).toEqual([expect.objectContaining({ name: 'removeUser', status: 'error' })]);
			expect(body.message.toolCalls[0].error).toMatch(/not allowed|view/i);
			expect(await people()).toEqual(before);
		});
	});
}
