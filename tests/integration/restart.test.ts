/**
 * A server restart in the middle of an answer: the stream says what happened, the text so far is
 * kept in the conversation, and after the restart the conversation goes on.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startAppServer } from '../helpers/app-server';
import { sseBody, startOpenAIServer, textChunks, type OpenAITestServer } from '../helpers/openai-server';
import { answerText, postChat, readEvents } from '../helpers/sse';

describe('a server restart mid-answer', () => {
	let model: OpenAITestServer;
	const dataDir = mkdtempSync(join(tmpdir(), 'organichart-restart-'));
	beforeAll(async () => {
		model = await startOpenAIServer();
	});
	afterAll(async () => {
		await model?.close();
		rmSync(dataDir, { recursive: true, force: true });
	});
	const env = () => ({ OPENAI_BASE_URL: model.url, OPENAI_API_KEY: 'sk-test', OPENAI_MODEL: 'test-model' });

	test('keeps the text so far, closes the answer as interrupted, and lets the conversation go on', async () => {
		const first = await startAppServer(env(), dataDir);
		const chunks = textChunks('The first part arrives, and then the server goes down for a restart.', { pieces: 10 });
		model.enqueue({ chunks, hangAfterBytes: Buffer.byteLength(sseBody(chunks.slice(0, 4))) - Buffer.byteLength('data: [DONE]\n\n') });
		let signalled = false;
		const events = await readEvents(await postChat(first, { text: 'Tell me something long', orgId: 'acme' }), ({ event }) => {
			if (event.type === 'delta' && !signalled) {
				signalled = true;
				first.process.kill('SIGTERM');
			}
		});
		await first.stop();
		const last = events.at(-1)?.event;
		expect(last?.type).toBe('error');
		expect(last?.type === 'error' && last.error).toMatch(/restarted/i);
		const start = events[0].event;
		if (start.type !== 'start') throw new Error('unreachable');
		const partial = answerText(events);
		expect(partial.length).toBeGreaterThan(0);

		const second = await startAppServer(env(), dataDir);
		try {
			const view = await (await second.fetch(`/api/chat/conversations/${start.conversationId}`)).json();
			expect(view.activeRunId).toBeNull();
			expect(view.messages.at(-1)).toMatchObject({ role: 'assistant', content: partial, status: 'error' });
			model.enqueue({ chunks: textChunks('Back again.', { pieces: 2 }) });
			const next = await readEvents(await postChat(second, { text: 'Are you back?', orgId: 'acme', conversationId: start.conversationId }));
			expect(next.at(-1)?.event.type).toBe('done');
			expect(answerText(next)).toBe('Back again.');
		} finally {
			await second.stop();
		}
		// Two cold starts of the built server (migrations, seed, the owner's password hash) within one test.
	}, 90_000);
});
