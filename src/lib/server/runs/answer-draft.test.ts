import { describe, expect, test } from 'vitest';
import { openDatabase } from '../db';
import { createConversation, listMessages } from '../db/conversations';
import { insertRun } from '../db/runs';
import { ensureDemoOrganization } from '../org/seed';
import { findOrganization } from '../org/organizations';
import { StoredAnswerDraft } from './answer-draft';

describe('StoredAnswerDraft', () => {
	test('snapshots the text as it grows and saves it whole at the end', async () => {
		const { db, close } = await openDatabase({ kind: 'pglite' });
		try {
			await ensureDemoOrganization(db);
			const org = (await findOrganization(db, 'acme'))!;
			const conversation = await createConversation(db, org.id, null, 'test');
			const run = (await insertRun(db, { id: crypto.randomUUID(), organizationId: org.id, conversationId: conversation.id, userId: null, clientMessageId: null }))!;
			const draft = new StoredAnswerDraft(db, conversation.id, run.id);
			draft.append('Hello');
			await draft.save();
			draft.append(', world');
			await draft.save();
			const rows = await listMessages(db, conversation.id);
			expect(rows.map((row) => [row.role, row.content])).toEqual([['assistant', 'Hello, world']]);
		} finally {
			await close();
		}
	});

	test('answers being written are snapshotted about once a second, without a save', async () => {
		const { db, close } = await openDatabase({ kind: 'pglite' });
		try {
			await ensureDemoOrganization(db);
			const org = (await findOrganization(db, 'acme'))!;
			const drafts = await Promise.all(
				[1, 2, 3].map(async () => {
					const conversation = await createConversation(db, org.id, null, 'test');
					const run = (await insertRun(db, { id: crypto.randomUUID(), organizationId: org.id, conversationId: conversation.id, userId: null, clientMessageId: null }))!;
					return new StoredAnswerDraft(db, conversation.id, run.id);
				})
			);
			for (const draft of drafts) draft.append('Hello');
			await new Promise((resolve) => setTimeout(resolve, 300));
			for (const draft of drafts) draft.append(', world');
			await expect
				.poll(async () => (await Promise.all(drafts.map((draft) => listMessages(db, draft.conversationId)))).map((rows) => rows.map((row) => row.content)), {
					timeout: 3_000,
					interval: 100
				})
				.toEqual([['Hello, world'], ['Hello, world'], ['Hello, world']]);
		} finally {
			await close();
		}
	});

	test('a failed snapshot does not crash the process; the final save reports the failure', async () => {
		const { db, close } = await openDatabase({ kind: 'pglite' });
		await close();
		const draft = new StoredAnswerDraft(db, crypto.randomUUID(), crypto.randomUUID());
		// Vitest fails the run on an unhandled rejection: this append's failing snapshot must be handled.
		draft.append('text');
		await new Promise((resolve) => setTimeout(resolve, 50));
		await expect(draft.save()).rejects.toThrow();
		await expect(draft.save()).rejects.toThrow();
	});
});
