import { sql } from 'drizzle-orm';
import {
	boolean,
	date,
	index,
	integer,
	jsonb,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uniqueIndex,
	uuid,
	type AnyPgColumn
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const organizations = pgTable('organizations', {
	id: uuid('id').primaryKey().defaultRandom(),
	slug: text('slug').notNull().unique(),
	name: text('name').notNull(),
	/** Most orgs have one top person; holding companies or co-CEOs may allow several. */
	allowMultipleRoots: boolean('allow_multiple_roots').notNull().default(false),
	createdAt: createdAt()
});

export const people = pgTable(
	'people',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organizationId: uuid('organization_id')
			.notNull()
			.references(() => organizations.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		title: text('title').notNull(),
		department: text('department'),
		email: text('email'),
		location: text('location'),
		managerId: uuid('manager_id').references((): AnyPgColumn => people.id, { onDelete: 'restrict' }),
		startDate: date('start_date'),
		photoUrl: text('photo_url'),
		createdAt: createdAt(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [
		index('people_org_idx').on(table.organizationId),
		index('people_manager_idx').on(table.managerId),
		uniqueIndex('people_org_email_unique')
			.on(table.organizationId, sql`lower(${table.email})`)
			.where(sql`${table.email} is not null`)
	]
);

export const conversations = pgTable(
	'conversations',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organizationId: uuid('organization_id')
			.notNull()
			.references(() => organizations.id, { onDelete: 'cascade' }),
		title: text('title'),
		createdAt: createdAt(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [index('conversations_org_idx').on(table.organizationId)]
);

/** Tool calls as stored on an assistant message: what the model asked, and what came of it. */
export type StoredToolCall = {
	id: string;
	name: string;
	arguments: string;
	status: 'pending' | 'executing' | 'complete' | 'error';
	result?: unknown;
	error?: string;
};

export const runs = pgTable(
	'runs',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organizationId: uuid('organization_id')
			.notNull()
			.references(() => organizations.id, { onDelete: 'cascade' }),
		conversationId: uuid('conversation_id')
			.notNull()
			.references(() => conversations.id, { onDelete: 'cascade' }),
		/** The client's id for the user message; a repeat re-attaches instead of starting again. */
		clientMessageId: text('client_message_id'),
		status: text('status', { enum: ['running', 'done', 'error', 'stopped'] }).notNull().default('running'),
		finishReason: text('finish_reason'),
		error: text('error'),
		createdAt: createdAt(),
		finishedAt: timestamp('finished_at', { withTimezone: true })
	},
	(table) => [
		uniqueIndex('runs_client_message_unique').on(table.organizationId, table.clientMessageId),
		// One answer at a time per conversation, enforced by the database even across instances.
		uniqueIndex('runs_one_running_per_conversation')
			.on(table.conversationId)
			.where(sql`${table.status} = 'running'`),
		index('runs_conversation_idx').on(table.conversationId)
	]
);

export const messages = pgTable(
	'messages',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		/** Insertion order: timestamps can tie within a transaction, this cannot. */
		seq: integer('seq').generatedAlwaysAsIdentity().notNull(),
		conversationId: uuid('conversation_id')
			.notNull()
			.references(() => conversations.id, { onDelete: 'cascade' }),
		runId: uuid('run_id').references(() => runs.id, { onDelete: 'set null' }),
		role: text('role', { enum: ['user', 'assistant', 'tool'] }).notNull(),
		content: text('content').notNull().default(''),
		toolCalls: jsonb('tool_calls').$type<StoredToolCall[]>(),
		/** For role "tool": which call this is the result of. */
		toolCallId: text('tool_call_id'),
		createdAt: createdAt()
	},
	(table) => [index('messages_conversation_idx').on(table.conversationId, table.seq)]
);

/** A finished run's events, written once when it ends, so it can be replayed after a restart. */
export const runEvents = pgTable(
	'run_events',
	{
		runId: uuid('run_id')
			.notNull()
			.references(() => runs.id, { onDelete: 'cascade' }),
		seq: integer('seq').notNull(),
		event: jsonb('event').notNull()
	},
	(table) => [primaryKey({ columns: [table.runId, table.seq] })]
);

export const auditLog = pgTable(
	'audit_log',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organizationId: uuid('organization_id')
			.notNull()
			.references(() => organizations.id, { onDelete: 'cascade' }),
		/** No foreign key: the entry outlives the person it describes. */
		personId: uuid('person_id').notNull(),
		action: text('action', { enum: ['create', 'update', 'move', 'delete'] }).notNull(),
		actorKind: text('actor_kind', { enum: ['user', 'api', 'assistant', 'system'] }).notNull(),
		actorId: text('actor_id'),
		runId: uuid('run_id'),
		before: jsonb('before'),
		after: jsonb('after'),
		createdAt: createdAt()
	},
	(table) => [index('audit_org_idx').on(table.organizationId, table.createdAt)]
);
