/**
 * Contracts shared by the browser and the server: people as the REST API returns them,
 * and the events of the streaming protocol (DESIGN §5, version 1).
 */
import { z } from 'zod';

export const personSchema = z.object({
	id: z.string(),
	name: z.string(),
	title: z.string(),
	department: z.string().nullable(),
	email: z.string().nullable(),
	location: z.string().nullable(),
	managerId: z.string().nullable(),
	startDate: z.string().nullable().optional(),
	photoUrl: z.string().nullable().optional(),
	/** An open role: a title with nobody in it yet (its name is "Open role"). */
	vacancy: z.boolean(),
	/** Secondary managers (dotted lines), at most three. */
	dottedLineManagerIds: z.array(z.string())
});
export type Person = z.infer<typeof personSchema>;

/** Who made a change: a user on the page or REST, an API token, or the assistant answering a user. */
export type ChangeActor = {
	kind: 'user' | 'token' | 'assistant' | 'system';
	userId?: string;
	/** The user's name, when the account still exists. */
	name?: string;
	tokenId?: string;
	conversationId?: string;
	runId?: string;
};

/** One operation on people, as the history lists it. */
export type ChangeSummary = {
	id: string;
	/** ISO time. */
	at: string;
	actor: ChangeActor;
	summary: string;
	personIds: string[];
	/** The change that reverted this one, if any. */
	undoneBy: string | null;
	/** For an undo: the change it reverted. */
	undoOf: string | null;
};

/**
 * One event of an organization's live stream (`GET /api/orgs/:org/events`, SSE, `type: "change"`):
 * an operation as it committed, with the people it changed as they are after it (`person: null`:
 * removed). The SSE id is the operation's sequence number, for resuming with Last-Event-ID.
 */
export type OrgChangeEvent = ChangeSummary & {
	type: 'change';
	people: { id: string; person: Person | null }[];
	/** Set when the change touched too many people to send (a large import): `people` is empty; reload them. */
	peopleOmitted?: true;
};

/** A short reference to a person, as results name them. */
export type PersonRef = { id: string; name: string; title: string };

/** Roles in an organization, weakest first: viewers read and chat, editors change people, admins manage members, owners the org. */
export const memberRoles = ['viewer', 'editor', 'admin', 'owner'] as const;
export const memberRoleSchema = z.enum(memberRoles);
export type MemberRole = z.infer<typeof memberRoleSchema>;

/** Whether `role` grants at least what `minimum` grants. */
export function roleAtLeast(role: MemberRole | undefined, minimum: MemberRole): boolean {
	return role !== undefined && memberRoles.indexOf(role) >= memberRoles.indexOf(minimum);
}

/** The roles someone with `role` may hand out (to an invitation or an API token): theirs and below. */
export function rolesUpTo(role: MemberRole | undefined): MemberRole[] {
	return role ? memberRoles.slice(0, memberRoles.indexOf(role) + 1) : [];
}

/** An organization; `role` is the caller's role in it (absent from servers without accounts). */
export const organizationSchema = z.object({ id: z.string(), slug: z.string(), name: z.string(), role: memberRoleSchema.optional() });
export type Organization = z.infer<typeof organizationSchema>;

const UNSTORABLE = /[\u0000\p{Cs}]/u;

/** Whether a database can hold the text as typed: no NUL character, no unpaired surrogate (which would be stored as �). */
export const isStorableText = (text: string): boolean => !UNSTORABLE.test(text);
export const UNSTORABLE_TEXT_MESSAGE = 'cannot contain NUL characters or broken Unicode.';

/** Body of POST /api/chat/stream. */
export const chatRequestSchema = z.object({
	text: z
		.string()
		.transform((value) => value.trim())
		.pipe(
			z
				.string()
				.min(1, 'Type a message first.')
				.max(8000, 'Messages are limited to 8,000 characters.')
				.refine(isStorableText, `A message ${UNSTORABLE_TEXT_MESSAGE}`)
		),
	orgId: z.string().min(1, 'orgId is required.').max(200, 'orgId is too long to be an organization.'),
	conversationId: z.uuid('conversationId must be a conversation id.').optional(),
	clientMessageId: z.string().min(1).max(100, 'clientMessageId is limited to 100 characters.').optional()
});
export type ChatRequest = z.infer<typeof chatRequestSchema>;

export const toolCallSchema = z.object({
	id: z.string(),
	type: z.literal('function'),
	function: z.object({ name: z.string(), arguments: z.string() })
});
export type ProtocolToolCall = z.infer<typeof toolCallSchema>;

export const streamEventSchema = z.discriminatedUnion('type', [
	z.object({ type: z.literal('start'), runId: z.string(), conversationId: z.string(), messageId: z.string() }),
	z.object({ type: z.literal('delta'), content: z.object({ content: z.string() }) }),
	z.object({ type: z.literal('tool_call'), toolCall: toolCallSchema }),
	z.object({
		type: z.literal('tool_call_delta'),
		toolId: z.string(),
		name: z.string(),
		argumentsDelta: z.string()
	}),
	z.object({ type: z.literal('tool_execution_start'), toolId: z.string(), toolName: z.string() }),
	z.object({
		type: z.literal('tool_execution_complete'),
		toolId: z.string(),
		result: z.unknown(),
		/** Extension: ids of the people the tool read or changed, for the chart to highlight. */
		touched: z.array(z.string()).optional(),
		/** Extension: true when the tool changed people, so the chart reloads them. */
		mutated: z.boolean().optional()
	}),
	z.object({ type: z.literal('tool_execution_error'), toolId: z.string(), error: z.string() }),
	/** A change waits for the user's approval (POST …/tools/:toolId/approve or /deny). */
	z.object({
		type: z.literal('tool_approval_required'),
		toolId: z.string(),
		toolName: z.string(),
		/** The call's arguments, parsed (text that is not JSON stays text). */
		arguments: z.unknown(),
		/** What the change would do, in one plain-English sentence. */
		summary: z.string()
	}),
	z.object({ type: z.literal('tool_approval_resolved'), toolId: z.string(), approved: z.boolean() }),
	z.object({
		type: z.literal('done'),
		finishReason: z.string(),
		usage: z
			.object({ promptTokens: z.number(), completionTokens: z.number(), totalTokens: z.number() })
			.optional()
	}),
	z.object({ type: z.literal('error'), error: z.string() })
]);
export type StreamEvent = z.infer<typeof streamEventSchema>;
export type StreamEventType = StreamEvent['type'];

/** Run statuses as stored and reported. */
export type RunStatus = 'running' | 'done' | 'error' | 'stopped';

/** A tool call's arguments as JSON; text that is not JSON is kept as text to show, never thrown. */
export function parseToolArguments(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/** Where a tool call is: pending → (awaiting_approval →) executing → complete | error. */
export type ToolCallStatus = 'pending' | 'awaiting_approval' | 'executing' | 'complete' | 'error';

/** A tool call as the chat shows it. `arguments` is parsed JSON once the call is complete. */
export type ToolCallView = {
	id: string;
	name: string;
	arguments: unknown;
	status: ToolCallStatus;
	result?: unknown;
	error?: string;
	/** For a call that asked the user's approval: what it would change, in one sentence. */
	summary?: string;
};

/** A piece of an answer in the order it was written: text, or the tool call with this id. */
export type ConversationPart = { kind: 'text'; text: string } | { kind: 'tool'; toolCallId: string };

/** A message of a stored conversation, as GET /api/chat/conversations/:id returns it. */
export type ConversationMessage = {
	id: string;
	role: 'user' | 'assistant';
	content: string;
	toolCalls: ToolCallView[];
	/** Text and tool calls interleaved as they happened (assistant messages). */
	parts: ConversationPart[];
	runId: string | null;
	status: RunStatus | null;
	createdAt: string;
};

/** GET /api/chat/conversations/:id → this. `activeRunId` is set while an answer is still being written. */
export type ConversationView = {
	conversation: { id: string; organizationId: string; title: string | null };
	messages: ConversationMessage[];
	activeRunId: string | null;
};
