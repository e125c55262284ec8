/** Queries for conversations and their messages (the history the model sees on the next turn). */
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '.';
import { conversations, messages, type StoredToolCall } from './schema';

export type ConversationRow = typeof conversations.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;

/** Starts a conversation titled after its first message (with the given id, or a new one). */
export async function createConversation(db: Database, organizationId: string, userId: string | null, title: string, id?: string): Promise<ConversationRow> {
	const [row] = await db
		.insert(conversations)
		.values({ ...(id && { id }), organizationId, userId, title: title.slice(0, 80) })
		.returning();
	return row;
}

/** The conversation if it exists in this organization and was started by this user. */
export async function findConversation(
	db: Database,
	organizationId: string,
	userId: string | null,
	id: string
): Promise<ConversationRow | undefined> {
	const [row] = await db
		.select()
		.from(conversations)
		.where(
			and(
				eq(conversations.id, id),
				eq(conversations.organizationId, organizationId),
				userId === null ? isNull(conversations.userId) : eq(conversations.userId, userId)
			)
		);
	return row;
}

/** A conversation by id alone, for routes that then check the organization. */
export async function getConversation(db: Database, id: string): Promise<ConversationRow | undefined> {
	const [row] = await db.select().from(conversations).where(eq(conversations.id, id));
	return row;
}

export type NewMessage = {
	conversationId: string;
	runId: string | null;
	role: 'user' | 'assistant' | 'tool';
	content: string;
	toolCalls?: StoredToolCall[] | null;
	toolCallId?: string | null;
};

/**
 * Appends one message; a user's message also moves its conversation to the top of the history
 * (unless `touchConversation` is false: the conversation was created with it).
 */
export async function insertMessage(db: Database, message: NewMessage, { touchConversation = true } = {}): Promise<MessageRow> {
	const [row] = await db.insert(messages).values(message).returning();
	if (message.role === 'user' && touchConversation) {
		await db.update(conversations).set({ updatedAt: row.createdAt }).where(eq(conversations.id, message.conversationId));
	}
	return row;
}

/** Saves an assistant message's text and tool calls as they stand now. */
export async function updateMessage(
	db: Database,
	id: string,
	changes: { content?: string; toolCalls?: StoredToolCall[] | null }
): Promise<void> {
	await db.update(messages).set(changes).where(eq(messages.id, id));
}

/** Rows per statement of updateMessages. */
const UPDATE_BATCH = 500;

/** Saves the text and tool calls of many messages, in a few statements instead of one each. */
export async function updateMessages(db: Database, rows: { id: string; content: string; toolCalls: StoredToolCall[] | null }[]): Promise<void> {
	for (let start = 0; start < rows.length; start += UPDATE_BATCH) {
		const values = rows
			.slice(start, start + UPDATE_BATCH)
			.map((row) => sql`(${row.id}::uuid, ${row.content}::text, ${row.toolCalls === null ? null : JSON.stringify(row.toolCalls)}::jsonb)`);
		await db.execute(sql`update ${messages} set content = v.content, tool_calls = v.tool_calls
			from (values ${sql.join(values, sql`, `)}) as v(id, content, tool_calls) where ${messages.id} = v.id`);
	}
}

/** The last `limit` messages of a conversation, oldest first. */
export async function listMessages(db: Database, conversationId: string, limit = 500): Promise<MessageRow[]> {
	const rows = await db
		.select()
		.from(messages)
		.where(eq(messages.conversationId, conversationId))
		.orderBy(desc(messages.seq))
		.limit(limit);
	return rows.reverse();
}

export type ConversationSummary = {
	id: string;
	title: string | null;
	updatedAt: Date;
	/** `updatedAt` to the microsecond, as PostgreSQL keeps it: what the next page starts below. */
	updatedAtExact: string;
	lastRunStatus: 'running' | 'done' | 'error' | 'stopped' | null;
};

/**
 * One user's conversations in an organization, newest first, `limit` at a time; `before` is the
 * last row of the previous page (keyset paging: stable while new conversations arrive).
 */
export async function listConversationSummaries(
	db: Database,
	organizationId: string,
	userId: string,
	page: { limit: number; before?: { updatedAtExact: string; id: string } }
): Promise<ConversationSummary[]> {
	// Spelled out: Drizzle drops table names from columns inside a subquery, and "id" would then be the run's.
	const lastRunStatus = sql<ConversationSummary['lastRunStatus']>`(
		select r.status from runs r where r.conversation_id = "conversations"."id" order by r.created_at desc limit 1)`;
	const mine = and(eq(conversations.organizationId, organizationId), eq(conversations.userId, userId));
	const after = page.before
		? sql`(${conversations.updatedAt}, ${conversations.id}) < (${page.before.updatedAtExact}::timestamptz, ${page.before.id}::uuid)`
		: undefined;
	return db
		.select({
			id: conversations.id,
			title: conversations.title,
			updatedAt: conversations.updatedAt,
			updatedAtExact: sql<string>`${conversations.updatedAt}::text`,
			lastRunStatus
		})
		.from(conversations)
		.where(after ? and(mine, after) : mine)
		.orderBy(desc(conversations.updatedAt), desc(conversations.id))
		.limit(page.limit);
}

/** Renames a conversation. */
export async function renameConversation(db: Database, id: string, title: string): Promise<ConversationRow> {
	const [row] = await db.update(conversations).set({ title }).where(eq(conversations.id, id)).returning();
	return row;
}

/** Deletes a conversation with its messages, runs and their events. */
export async function deleteConversation(db: Database, id: string): Promise<void> {
	await db.delete(conversations).where(eq(conversations.id, id));
}

/** A tool call the run's answer made, as last saved; undefined when the run made no call with this id. */
export async function findRunToolCall(db: Database, runId: string, toolCallId: string): Promise<StoredToolCall | undefined> {
	const rows = await db
		.select({ toolCalls: messages.toolCalls })
		.from(messages)
		.where(and(eq(messages.runId, runId), eq(messages.role, 'assistant')));
	return rows.flatMap((row) => row.toolCalls ?? []).find((call) => call.id === toolCallId);
}
