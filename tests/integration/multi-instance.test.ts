/**
 * Two app instances sharing PostgreSQL and Redis: an answer started on one can be followed and
 * stopped from the other, and when its instance dies the other closes it instead of hanging.
 * Needs TEST_DATABASE_URL and TEST_REDIS_URL (CI sets both).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startAppServer, type AppServer } from '../helpers/app-server';
import { createFreshPostgresDatabase } from '../helpers/database';
import { sseBody, startOpenAIServer, textChunks, type OpenAITestServer } from '../helpers/openai-server';
import { answerText, postChat, readEvents, type ReceivedEvent } from '../helpers/sse';

const databaseUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL;

/** A scripted answer that sends a few pieces of text, then goes quiet with the connection open. */
function hangingAnswer(model: OpenAITestServer): void {
	const chunks = textChunks('This answer starts, and then it waits for a very long time.', { pieces: 10 });
	model.enqueue({ chunks, hangAfterBytes: Buffer.byteLength(sseBody(chunks.slice(0, 3))) - Buffer.byteLength('data: [DONE]\n\n') });
}

/** Reads the POST stream until its first text arrives, then leaves it reading in the background. */
async function startAnswer(app: AppServer, text: string) {
	const received: ReceivedEvent[] = [];
	let firstText: () => void = () => {};
	const textArrived = new Promise<void>((resolve) => (firstText = resolve));
	const finished = postChat(app, { text, orgId: 'acme' }).then((response) =>
		readEvents(response, (item) => {
			received.push(item);
			if (item.event.type === 'delta') firstText();
		}).catch(() => received)
	);
	await textArrived;
	const start = received[0].event;
	if (start.type !== 'start') throw new Error('the first event must be start');
	return { runId: start.runId, conversationId: start.conversationId, finished };
}

describe.skipIf(!databaseUrl || !redisUrl)('several instances sharing PostgreSQL and Redis', () => {
	let model: OpenAITestServer;
	let a: AppServer;
	let b: AppServer;
	let dropDatabase = async () => {};
	beforeAll(async () => {
		model = await startOpenAIServer();
		const fresh = await createFreshPostgresDatabase(databaseUrl!);
		dropDatabase = fresh.drop;
		const env = { DATABASE_URL: fresh.url, REDIS_URL: redisUrl!, OPENAI_BASE_URL: model.url, OPENAI_API_KEY: 'sk-test', OPENAI_MODEL: 'm' };
		a = await startAppServer(env);
		b = await startAppServer(env);
	});
	afterAll(async () => {
		await a?.stop();
		await b?.stop();
		await model?.close();
		await dropDatabase();
	});

	test('an answer started on one instance is followed and stopped from the other', async () => {
		hangingAnswer(model);
		const run = await startAnswer(a, 'Write something long');
		const onB = readEvents(await b.fetch(`/api/chat/runs/${run.runId}/events`, { headers: { 'last-event-id': '1' } }));
		const stop = await b.fetch(`/api/chat/runs/${run.runId}/stop`, { method: 'POST' });
		expect(stop.status).toBe(200);
		const [seenOnA, seenOnB] = await Promise.all([run.finished, onB]);
		expect(seenOnA.at(-1)?.event).toMatchObject({ type: 'done', finishReason: 'stopped' });
		expect(seenOnB.at(-1)?.event).toMatchObject({ type: 'done', finishReason: 'stopped' });
		expect(seenOnB[0].id).toBe(2);
		expect(answerText(seenOnB)).toBe(answerText(seenOnA));
	});

	test('when the instance running an answer dies, the other ends it as interrupted instead of hanging', async () => {
		hangingAnswer(model);
		const run = await startAnswer(a, 'Write something else');
		a.process.kill('SIGKILL');
		const seen = await readEvents(await b.fetch(`/api/chat/runs/${run.runId}/events`, { headers: { 'last-event-id': '0' } }));
		expect(seen.at(-1)?.event).toMatchObject({ type: 'error', error: expect.stringMatching(/interrupted/i) });
		const view = await (await b.fetch(`/api/chat/conversations/${run.conversationId}`)).json();
		expect(view.activeRunId).toBeNull();
		model.enqueue({ chunks: textChunks('Here again.', { pieces: 2 }) });
		const next = await readEvents(await postChat(b, { text: 'Still there?', orgId: 'acme', conversationId: run.conversationId }));
		expect(answerText(next)).toBe('Here again.');
	}, 60_000);
});
