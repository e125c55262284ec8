/** Queries for conversations and their messages (the history the model sees on the next turn). */
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Database } from '.';
import { conversations, messages, type StoredToolCall } from './schema';

export type ConversationRow = typeof conversations.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;

/** Starts a conversation titled after its first message. */
export async function createConversation(db: Database, organizationId: string, userId: string | null, title: string): Promise<ConversationRow> {
	const [row] = await db.insert(conversations).values({ organizationId, userId, title: title.slice(0, 80) }).returning();
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

/** Appends one message. */
export async function insertMessage(db: Database, message: NewMessage): Promise<MessageRow> {
	const [row] = await db.insert(messages).values(message).returning();
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
