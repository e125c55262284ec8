/** A user's conversation history in an organization: paged list, rename, delete. */
import type { Database } from '../db';
import { deleteConversation, listConversationSummaries, renameConversation, type ConversationRow } from '../db/conversations';
import { listRunningRuns } from '../db/runs';
import { AppError } from '../errors';
import { isUuid } from '../ids';

export const HISTORY_PAGE_DEFAULT = 20;
export const HISTORY_PAGE_MAX = 100;

export type ConversationListItem = { id: string; title: string | null; updatedAt: string; lastRunStatus: string | null };

/** One page of the caller's conversations, newest first, with the cursor of the next page (null at the end). */
export async function listConversations(
	db: Database,
	organizationId: string,
	userId: string,
	page: { cursor?: string | null; limit?: number }
): Promise<{ conversations: ConversationListItem[]; nextCursor: string | null }> {
	const limit = page.limit ?? HISTORY_PAGE_DEFAULT;
	const before = page.cursor ? decodeCursor(page.cursor) : undefined;
	// One extra row says whether another page follows.
	const rows = await listConversationSummaries(db, organizationId, userId, { limit: limit + 1, before });
	const shown = rows.slice(0, limit);
	const last = shown.at(-1);
	return {
		conversations: shown.map((row) => ({
			id: row.id,
			title: row.title,
			updatedAt: row.updatedAt.toISOString(),
			lastRunStatus: row.lastRunStatus
		})),
		nextCursor: rows.length > limit && last ? encodeCursor(last.updatedAtExact, last.id) : null
	};
}

/** Renames a conversation the caller owns (checked by the caller). */
export async function renameConversationTitle(db: Database, conversation: ConversationRow, title: string) {
	const row = await renameConversation(db, conversation.id, title);
	return { id: row.id, title: row.title, updatedAt: row.updatedAt.toISOString() };
}

/** Deletes a conversation unless an answer is still being written in it (409: stop it first). */
export async function deleteConversationIfIdle(
	db: Database,
	conversation: ConversationRow,
	isLive: (runId: string) => Promise<boolean>
): Promise<void> {
	for (const run of await listRunningRuns(db, conversation.id)) {
		if (await isLive(run.id)) {
			throw new AppError('run_active', 'An answer is still being written in this conversation. Stop it first, then delete.');
		}
	}
	await deleteConversation(db, conversation.id);
}

function encodeCursor(updatedAtExact: string, id: string): string {
	return Buffer.from(JSON.stringify([updatedAtExact, id])).toString('base64url');
}

function decodeCursor(cursor: string): { updatedAtExact: string; id: string } {
	try {
		if (cursor.length > 200) throw new Error('too long');
		const [updatedAtExact, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
		if (typeof updatedAtExact !== 'string' || !/^\d{4}-\d\d-\d\d[ T][\d:.]+([+-]\d\d(:?\d\d)?|Z)?$/.test(updatedAtExact)) throw new Error('bad time');
		if (typeof id !== 'string' || !isUuid(id)) throw new Error('bad id');
		return { updatedAtExact, id };
	} catch (error) {
		throw new AppError('invalid_request', 'That cursor is not one this server gave out. Start from the first page.', { cause: error });
	}
}
