/**
 * The run event routes at the HTTP level: a Last-Event-ID that is not an event id is a 400 JSON
 * error (not a 500), finished runs' events are deleted after RUN_EVENTS_RETENTION_H while their
 * answers stay in the conversation, and racing retries of a first message make one conversation.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startAppServer, type AppServer } from '../helpers/app-server';
import { answerText, postChat, readEvents } from '../helpers/sse';

describe('run event routes', () => {
	let app: AppServer;
	beforeAll(async () => {
		// 0.0003 h is about a second: the sweep (every half retention, at least every second) deletes them soon after.
		app = await startAppServer({ RUN_EVENTS_RETENTION_H: '0.0003' });
	});
	afterAll(() => app?.stop());

	test.each(['2147483648', '-1', 'abc', '1.5', '1e3'])('Last-Event-ID %s is a 400 JSON error on both stream routes', async (bad) => {
		const events = await readEvents(await postChat(app, { text: 'hello', orgId: 'acme' }));
		const start = events[0].event;
		if (start.type !== 'start') throw new Error('the first event must be start');
		const follow = await app.fetch(`/api/chat/runs/${start.runId}/events`, { headers: { 'last-event-id': bad } });
		expect(follow.status).toBe(400);
		expect(await follow.json()).toMatchObject({ error: { code: 'invalid_request', message: expect.stringMatching(/Last-Event-ID/) } });
		const retry = await app.fetch('/api/chat/stream', {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'last-event-id': bad },
			body: JSON.stringify({ text: 'hello again', orgId: 'acme', clientMessageId: `retry-${bad}` })
		});
		expect(retry.status).toBe(400);
		expect((await retry.json()).error.code).toBe('invalid_request');
	});

	test("a finished run's events are deleted after the retention; its answer stays in the conversation", async () => {
		const events = await readEvents(await postChat(app, { text: 'help', orgId: 'acme' }));
		const start = events[0].event;
		if (start.type !== 'start') throw new Error('the first event must be start');
		expect(events.at(-1)?.event.type).toBe('done');
		await expect
			.poll(async () => (await app.fetch(`/api/chat/runs/${start.runId}/events`, { headers: { 'last-event-id': '0' } })).status, {
				timeout: 15_000,
				interval: 500
			})
			.toBe(410);
		const gone = await app.fetch(`/api/chat/runs/${start.runId}/events`);
		expect(await gone.json()).toMatchObject({ error: { code: 'gone' } });
		const view = await (await app.fetch(`/api/chat/conversations/${start.conversationId}`)).json();
		expect(view.messages.at(-1)).toMatchObject({ role: 'assistant', status: 'done', content: answerText(events) });
	});

	test('racing retries of a first message start one run in one conversation and leave no empty conversation behind', async () => {
		const listed = async () =>
			((await (await app.fetch('/api/chat/conversations?orgId=acme')).json()) as { conversations: { id: string }[] }).conversations.map((c) => c.id);
		const before = await listed();
		const clientMessageId = `race-${crypto.randomUUID()}`;
		const streams = await Promise.all(Array.from({ length: 6 }, () => postChat(app, { text: 'help', orgId: 'acme', clientMessageId })));
		const runs = await Promise.all(streams.map(async (response) => (await readEvents(response))[0].event));
		const starts = new Set(runs.map((event) => (event.type === 'start' ? `${event.runId}/${event.conversationId}` : 'no start')));
		expect(starts.size).toBe(1);
		const after = await listed();
		const added = after.filter((id) => !before.includes(id));
		expect(added).toHaveLength(1);
		expect([...starts][0]).toContain(added[0]);
	});
});
