/**
 * The same chat flow through the real `openai` client, against a local server speaking the
 * OpenAI streaming wire format: fragmented and parallel tool calls, multi-byte text split inside
 * characters, provider failures and Stop.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Person } from '../../src/lib/protocol';
import { sseBody, startOpenAIServer, textChunks, toolCallChunks, type OpenAITestServer } from '../helpers/openai-server';
import { answerText, postChat, readEvents } from '../helpers/sse';
import { stackTargets, useAppServer } from '../helpers/targets';

type RecordedMessage = { role: string; content?: string | null; tool_call_id?: string; tool_calls?: { id: string; function: { name: string; arguments: string } }[] };

for (const target of stackTargets()) {
	describe(`chat through an OpenAI-compatible server (${target.label})`, () => {
		let model: OpenAITestServer;
		beforeAll(async () => {
			model = await startOpenAIServer();
		});
		afterAll(async () => {
			await model?.close();
		});
		const app = useAppServer(target, () => ({ OPENAI_BASE_URL: model.url, OPENAI_API_KEY: 'sk-test-secret', OPENAI_MODEL: 'test-model' }));

		const people = async (): Promise<Person[]> =>
			((await (await app().fetch('/api/orgs/acme/people')).json()) as { people: Person[] }).people;
		const lastMessages = () => (model.requests.at(-1)!.messages as RecordedMessage[]);

		test('a tool call in many fragments and a multi-byte name split across reads add exactly one person', async () => {
			const name = 'Zoë Ångström-Łukasz 日本';
			const args = JSON.stringify({ name, title: 'Developer', manager: 'Jane Smith' });
			const requestsBefore = model.requests.length;
			model.enqueue({ chunks: toolCallChunks([{ id: 'call_add_1', name: 'addUser', arguments: args }], { fragmentSize: 3 }), splitBytes: 'every-byte' });
			const answer = `Done: **${name}** now reports to Jane Smith. ✅`;
			model.enqueue({ chunks: textChunks(answer, { pieces: 9 }), splitBytes: 5 });

			const events = await readEvents(await postChat(app(), { text: `Add ${name} as a developer under Jane Smith`, orgId: 'acme' }));
			const calls = events.flatMap(({ event }) => (event.type === 'tool_call' ? [event.toolCall] : []));
			expect(calls).toHaveLength(1);
			expect(calls[0]).toMatchObject({ id: 'call_add_1', type: 'function', function: { name: 'addUser' } });
			expect(JSON.parse(calls[0].function.arguments)).toEqual({ name, title: 'Developer', manager: 'Jane Smith' });
			expect(events.map(({ event }) => event.type)).toContain('tool_execution_complete');
			expect(answerText(events)).toBe(answer);
			expect(events.at(-1)?.event.type).toBe('done');

			const added = (await people()).filter((person) => person.name === name);
			const jane = (await people()).find((person) => person.name === 'Jane Smith')!;
			expect(added).toHaveLength(1);
			expect(added[0].managerId).toBe(jane.id);

			expect(model.requests.length - requestsBefore).toBe(2);
			const followUp = lastMessages();
			const assistant = followUp.find((message) => message.role === 'assistant' && message.tool_calls);
			expect(assistant?.tool_calls?.[0]).toMatchObject({ id: 'call_add_1', function: { name: 'addUser', arguments: args } });
			const toolResult = followUp.find((message) => message.role === 'tool');
			expect(toolResult?.tool_call_id).toBe('call_add_1');
			expect(JSON.parse(toolResult!.content!).person.name).toBe(name);
			expect(model.requests.at(-1)!.model).toBe('test-model');
		});

		test('parallel calls run in order and each result goes back to the model', async () => {
			model.enqueue({
				chunks: toolCallChunks(
					[
						{ id: 'call_a', name: 'getUserInformation', arguments: JSON.stringify({ person: 'Jane Smith' }) },
						{ id: 'call_b', name: 'getReports', arguments: JSON.stringify({ person: 'Jane Smith', depth: 'direct' }) }
					],
					{ fragmentSize: 4 }
				)
			});
			model.enqueue({ chunks: textChunks('Jane Smith leads the engineers.', { pieces: 4 }) });
			const events = await readEvents(await postChat(app(), { text: 'Tell me about Jane and her team', orgId: 'acme' }));
			const starts = events.flatMap(({ event }) => (event.type === 'tool_execution_start' ? [event.toolId] : []));
			expect(starts).toEqual(['call_a', 'call_b']);
			const followUp = lastMessages();
			expect(followUp.filter((message) => message.role === 'tool').map((message) => message.tool_call_id)).toEqual(['call_a', 'call_b']);
			expect(followUp.find((message) => message.tool_calls)?.tool_calls?.map((call) => call.id)).toEqual(['call_a', 'call_b']);
		});

		test('a plain answer streams as text and the history goes to the model on the next turn', async () => {
			model.enqueue({ chunks: textChunks('Hello! Ask me about your organization.', { pieces: 6 }), splitBytes: 7 });
			const first = await readEvents(await postChat(app(), { text: 'Hi there', orgId: 'acme' }));
			expect(answerText(first)).toBe('Hello! Ask me about your organization.');
			const start = first[0].event;
			if (start.type !== 'start') throw new Error('unreachable');
			model.enqueue({ chunks: textChunks('Still here.', { pieces: 2 }) });
			await readEvents(await postChat(app(), { text: 'Are you there?', orgId: 'acme', conversationId: start.conversationId }));
			const sent = lastMessages().map((message) => [message.role, message.content]);
			expect(sent[0][0]).toBe('system');
			expect(sent.slice(1)).toEqual([
				['user', 'Hi there'],
				['assistant', 'Hello! Ask me about your organization.'],
				['user', 'Are you there?']
			]);
		});

		test('a provider failure gives one clear error event, keeps the text so far, and leaks nothing', async () => {
			// 401 is not retried by the client, so one scripted failure is the whole exchange.
			model.enqueue({ status: 401, errorBody: { error: { message: 'Incorrect API key provided: sk-test-secret', type: 'invalid_request_error' } } });
			const events = await readEvents(await postChat(app(), { text: 'Who is Jane?', orgId: 'acme' }));
			const errors = events.filter(({ event }) => event.type === 'error');
			expect(errors).toHaveLength(1);
			const message = errors[0].event.type === 'error' ? errors[0].event.error : '';
			expect(message).toMatch(/API key/i);
			expect(message).not.toContain('sk-test-secret');
			expect(events.at(-1)?.event.type).toBe('error');
		});

		test('a provider stream cut mid tool call runs no tool and says the answer was interrupted', async () => {
			const before = (await people()).length;
			const chunks = toolCallChunks([{ id: 'call_cut', name: 'addUser', arguments: JSON.stringify({ name: 'Half Sent', title: 'Developer', manager: 'Jane Smith' }) }]);
			const cut = sseBody(chunks.slice(0, 4)).replace('data: [DONE]\n\n', '');
			model.enqueue({ raw: cut });
			const events = await readEvents(await postChat(app(), { text: 'Add Half Sent as a developer under Jane Smith', orgId: 'acme' }));
			expect(events.some(({ event }) => event.type === 'tool_execution_start')).toBe(false);
			const last = events.at(-1)?.event;
			expect(last?.type).toBe('error');
			expect(last?.type === 'error' && last.error).toMatch(/dropped/i);
			expect((await people()).length).toBe(before);
		});

		test('Stop ends the stream with done/stopped, aborts the model call and keeps the partial answer', async () => {
			const chunks = textChunks('This answer will be interrupted before it is finished.', { pieces: 8 });
			// The provider sends the role and two pieces of text, then goes quiet with the connection open.
			const hangAfterBytes = Buffer.byteLength(sseBody(chunks.slice(0, 3))) - Buffer.byteLength('data: [DONE]\n\n');
			model.enqueue({ chunks, hangAfterBytes });
			let runId = '';
			const events = await readEvents(await postChat(app(), { text: 'Write a long answer', orgId: 'acme' }), async ({ event }) => {
				if (event.type === 'start') runId = event.runId;
				if (event.type === 'delta' && runId) {
					const stopped = await app().fetch(`/api/chat/runs/${runId}/stop`, { method: 'POST', headers: { origin: app().url } });
					expect(stopped.status).toBe(200);
					runId = '';
				}
			});
			const last = events.at(-1)?.event;
			expect(last).toMatchObject({ type: 'done', finishReason: 'stopped' });
			const start = events[0].event;
			if (start.type !== 'start') throw new Error('unreachable');
			const view = await (await app().fetch(`/api/chat/conversations/${start.conversationId}`)).json();
			expect(view.messages.at(-1)).toMatchObject({ role: 'assistant', status: 'stopped' });
			expect(view.messages.at(-1).content).toBe(answerText(events));
			expect(view.activeRunId).toBeNull();
		});
	});
}
