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
import type { ToolCallStatus } from '../../protocol';

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
		/** An open role: it has a title and no one in it yet (named "Open role"). */
		vacancy: boolean('vacancy').notNull().default(false),
		/**
		 * Secondary (dotted-line) managers, at most three, in the same organization. An array
		 * rather than a join table: it is read with the person, always whole, and never queried alone.
		 */
		dottedLineManagerIds: uuid('dotted_line_manager_ids').array().notNull().default(sql`'{}'::uuid[]`),
		/**
		 * The name as name matching compares it (lowercase, no accents, apostrophes or hyphens), so
		 * names are narrowed in SQL. Written by the app with every name (db/people-keys.ts): the
		 * folding is Unicode's, which SQL's lower() cannot promise under every collation. Null only
		 * for rows written outside the app until its next start fills them.
		 */
		nameKey: text('name_key'),
		/** Name, title, department, location and email folded the same way, one per line, for search. */
		searchKey: text('search_key'),
		createdAt: createdAt(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [
		index('people_org_idx').on(table.organizationId),
		// A manager's reports in chart order (keyset pages), and their count.
		index('people_manager_name_idx').on(table.managerId, table.name, table.id),
		// The top of the chart without reading the whole org.
		index('people_roots_idx')
			.on(table.organizationId, table.name, table.id)
			.where(sql`${table.managerId} is null`),
		index('people_org_name_key_idx').on(table.organizationId, table.nameKey.op('text_pattern_ops')),
		index('people_name_key_trgm_idx').using('gin', table.nameKey.op('gin_trgm_ops')),
		index('people_search_key_trgm_idx').using('gin', table.searchKey.op('gin_trgm_ops')),
		// Whose dotted-line manager someone is (@>), without reading the whole org when they leave.
		index('people_dotted_line_managers_idx').using('gin', table.dottedLineManagerIds),
		// Rows whose keys the app has yet to fill (written by something else).
		index('people_keys_missing_idx')
			.on(table.organizationId)
			.where(sql`${table.nameKey} is null or ${table.searchKey} is null`),
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
		/** Who started it: only they may read or continue it. */
		userId: text('user_id').references((): AnyPgColumn => user.id, { onDelete: 'cascade' }),
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
	status: ToolCallStatus;
	result?: unknown;
	error?: string;
	/** For a call that asked the user's approval: what it would change, in one sentence. */
	summary?: string;
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
		/** Who asked: only they may follow, stop or approve it. */
		userId: text('user_id').references((): AnyPgColumn => user.id, { onDelete: 'cascade' }),
		/** The client's id for the user message; a repeat re-attaches instead of starting again. */
		clientMessageId: text('client_message_id'),
		status: text('status', { enum: ['running', 'done', 'error', 'stopped'] }).notNull().default('running'),
		finishReason: text('finish_reason'),
		error: text('error'),
		createdAt: createdAt(),
		finishedAt: timestamp('finished_at', { withTimezone: true }),
		/** The instance executing the run; only it may record the run's end (fencing). */
		leaseOwner: text('lease_owner'),
		/** Until when the lease holds; renewed while the run executes. Another instance closes the run only after it. */
		leaseExpiresAt: timestamp('lease_expires_at', { withTimezone: true }),
		/** When the retention sweep deleted the run's stored events (its messages stay). */
		eventsPrunedAt: timestamp('events_pruned_at', { withTimezone: true })
	},
	(table) => [
		uniqueIndex('runs_client_message_unique').on(table.organizationId, table.clientMessageId),
		// One answer at a time per conversation, enforced by the database even across instances.
		uniqueIndex('runs_one_running_per_conversation')
			.on(table.conversationId)
			.where(sql`${table.status} = 'running'`),
		index('runs_conversation_idx').on(table.conversationId),
		index('runs_finished_idx').on(table.finishedAt)
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

/**
 * A finished run's events, written once when it ends (one row per answer, not one per token), so it
 * can be replayed after a restart or on another instance: the JSON array of its events in order,
 * event `i` (from 0) having id `i + 1`. Text, not jsonb: it is written and read whole, never queried inside.
 */
export const runEventLogs = pgTable('run_event_logs', {
	runId: uuid('run_id')
		.primaryKey()
		.references(() => runs.id, { onDelete: 'cascade' }),
	events: text('events').notNull()
});

/**
 * One operation on people, whoever made it (a REST call, the assistant, an import): the unit that
 * history lists and undo reverts. Its per-person before/after rows are the audit_log entries
 * carrying its id.
 */
export const changes = pgTable(
	'changes',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		/** Insertion order: timestamps can tie within a transaction, this cannot. */
		seq: integer('seq').generatedAlwaysAsIdentity().notNull(),
		organizationId: uuid('organization_id')
			.notNull()
			.references(() => organizations.id, { onDelete: 'cascade' }),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
		actorKind: text('actor_kind', { enum: ['user', 'token', 'assistant', 'system'] }).notNull(),
		/** No foreign keys on the actor: history outlives accounts, tokens and conversations. */
		actorUserId: text('actor_user_id'),
		actorTokenId: text('actor_token_id'),
		conversationId: uuid('conversation_id'),
		runId: uuid('run_id'),
		summary: text('summary').notNull(),
		personIds: uuid('person_ids').array().notNull(),
		undoneBy: uuid('undone_by').references((): AnyPgColumn => changes.id, { onDelete: 'set null' }),
		undoOf: uuid('undo_of').references((): AnyPgColumn => changes.id, { onDelete: 'set null' })
	},
	(table) => [
		index('changes_org_seq_idx').on(table.organizationId, table.seq),
		index('changes_person_ids_idx').using('gin', table.personIds)
	]
);

export const auditLog = pgTable(
	'audit_log',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		/** Write order: an operation's entries share one timestamp, and undo reads them in order. */
		seq: integer('seq').generatedAlwaysAsIdentity().notNull(),
		organizationId: uuid('organization_id')
			.notNull()
			.references(() => organizations.id, { onDelete: 'cascade' }),
		/** No foreign key: the entry outlives the person it describes. */
		personId: uuid('person_id').notNull(),
		action: text('action', { enum: ['create', 'update', 'move', 'delete'] }).notNull(),
		actorKind: text('actor_kind', { enum: ['user', 'api', 'assistant', 'system'] }).notNull(),
		actorId: text('actor_id'),
		runId: uuid('run_id'),
		/** The operation this entry is part of (null for entries written before operations existed). */
		changeId: uuid('change_id').references(() => changes.id, { onDelete: 'cascade' }),
		before: jsonb('before'),
		after: jsonb('after'),
		createdAt: createdAt()
	},
	(table) => [index('audit_org_idx').on(table.organizationId, table.createdAt), index('audit_change_idx').on(table.changeId)]
);

// ---- Accounts (better-auth's tables: it reads and writes them through its Drizzle adapter) ----

export const user = pgTable('user', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	email: text('email').notNull().unique(),
	emailVerified: boolean('email_verified').notNull().default(false),
	image: text('image'),
	createdAt: createdAt(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

export const session = pgTable(
	'session',
	{
		id: text('id').primaryKey(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		token: text('token').notNull().unique(),
		createdAt: createdAt(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		ipAddress: text('ip_address'),
		userAgent: text('user_agent'),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' })
	},
	(table) => [index('session_user_idx').on(table.userId)]
);

export const account = pgTable(
	'account',
	{
		id: text('id').primaryKey(),
		accountId: text('account_id').notNull(),
		providerId: text('provider_id').notNull(),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		accessToken: text('access_token'),
		refreshToken: text('refresh_token'),
		idToken: text('id_token'),
		accessTokenExpiresAt: timestamp('access_token_expires_at', { withTimezone: true }),
		refreshTokenExpiresAt: timestamp('refresh_token_expires_at', { withTimezone: true }),
		scope: text('scope'),
		password: text('password'),
		createdAt: createdAt(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [index('account_user_idx').on(table.userId)]
);

export const verification = pgTable('verification', {
	id: text('id').primaryKey(),
	identifier: text('identifier').notNull(),
	value: text('value').notNull(),
	expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
	createdAt: createdAt(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

// ---- Organizations' members, invitations and API tokens ----

export const memberRoles = ['owner', 'admin', 'editor', 'viewer'] as const;

export const memberships = pgTable(
	'memberships',
	{
		organizationId: uuid('organization_id')
			.notNull()
			.references(() => organizations.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		role: text('role', { enum: memberRoles }).notNull(),
		createdAt: createdAt()
	},
	(table) => [primaryKey({ columns: [table.organizationId, table.userId] }), index('memberships_user_idx').on(table.userId)]
);

export const invitations = pgTable(
	'invitations',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organizationId: uuid('organization_id')
			.notNull()
			.references(() => organizations.id, { onDelete: 'cascade' }),
		email: text('email').notNull(),
		role: text('role', { enum: memberRoles }).notNull(),
		/** SHA-256 of the one-time token; the token itself is shown once and never stored. */
		tokenHash: text('token_hash').notNull().unique(),
		invitedBy: text('invited_by').references(() => user.id, { onDelete: 'set null' }),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		acceptedAt: timestamp('accepted_at', { withTimezone: true }),
		createdAt: createdAt()
	},
	(table) => [index('invitations_org_idx').on(table.organizationId)]
);

export const apiTokens = pgTable(
	'api_tokens',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		name: text('name').notNull(),
		organizationId: uuid('organization_id')
			.notNull()
			.references(() => organizations.id, { onDelete: 'cascade' }),
		/** Who created it; the token never acts above this person's current role. */
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		role: text('role', { enum: memberRoles }).notNull(),
		/** SHA-256 of the token; the token itself is shown once and never stored. */
		tokenHash: text('token_hash').notNull().unique(),
		lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
		revokedAt: timestamp('revoked_at', { withTimezone: true }),
		createdAt: createdAt()
	},
	(table) => [index('api_tokens_user_idx').on(table.userId)]
);

/** Secrets the app generates once and every instance shares (the session-signing secret). */
export const appSecrets = pgTable('app_secrets', {
	name: text('name').primaryKey(),
	value: text('value').notNull(),
	createdAt: createdAt()
});
