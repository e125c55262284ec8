/**
 * The one API client of the browser: every fetch goes through `requestJson` or `openStream`, so
 * failures become one readable `ApiError` instead of a try/catch per call site.
 */
import { z } from 'zod';
import { organizationSchema, personSchema, type ConversationView, type Organization, type Person } from '$lib/protocol';

/** A failed API call with a message fit to show the user. */
export class ApiError extends Error {
	readonly code: string;
	readonly status: number;
	/** Seconds the server asked to wait before trying again (429 `Retry-After`), when it said. */
	readonly retryAfterSeconds: number | null;

	constructor(code: string, message: string, status: number, options: { cause?: unknown; retryAfterSeconds?: number | null } = {}) {
		super(message, { cause: options.cause });
		this.name = 'ApiError';
		this.code = code;
		this.status = status;
		this.retryAfterSeconds = options.retryAfterSeconds ?? null;
	}
}

let unauthorizedHandler: (() => void) | null = null;

/** Sets what happens when the server says the session is gone (401): the session store signs the page out. */
export function onUnauthorized(handler: (() => void) | null): void {
	unauthorizedHandler = handler;
}

const errorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

const fallbackMessages: Record<number, string> = {
	404: 'That was not found on the server.',
	409: 'That conflicts with something already going on. Try again in a moment.',
	429: 'Too many requests right now. Wait a few seconds and try again.',
	502: 'The assistant’s model provider did not answer. Try again in a moment.',
	503: 'The server is not ready yet. Try again in a moment.'
};

/** Turns a non-OK response into an ApiError, using the server's `{ error: { code, message } }` when present. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
	const text = await response.text().catch(() => '');
	let body: unknown = null;
	try {
		body = JSON.parse(text);
	} catch {
		// Not JSON (a proxy's HTML page, say): fall back to a message chosen by status.
	}
	const retryAfter = Number.parseInt(response.headers.get('retry-after') ?? '', 10);
	const options = { retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : null };
	const parsed = errorBodySchema.safeParse(body);
	if (parsed.success) return new ApiError(parsed.data.error.code, parsed.data.error.message, response.status, options);
	const message = fallbackMessages[response.status] ?? `The server answered with an error (HTTP ${response.status}).`;
	return new ApiError('http_' + response.status, message, response.status, options);
}

/** Wraps a network failure (offline, DNS, connection reset) into an ApiError. */
function networkError(cause: unknown): ApiError {
	if (cause instanceof DOMException && cause.name === 'AbortError') {
		return new ApiError('aborted', 'The request was cancelled.', 0, { cause });
	}
	return new ApiError('network', 'Could not reach the OrganiChart server. Check your connection.', 0, { cause });
}

/** `expectsSignedOut`: a 401 is an answer here (wrong password, nobody signed in), not a session that ended. */
export type RequestOptions = { expectsSignedOut?: boolean };

async function send(path: string, init: RequestInit = {}, options: RequestOptions = {}): Promise<Response> {
	let response: Response;
	try {
		response = await fetch(path, init);
	} catch (cause) {
		throw networkError(cause);
	}
	if (!response.ok) {
		const error = await errorFromResponse(response);
		if (response.status === 401 && !options.expectsSignedOut) unauthorizedHandler?.();
		throw error;
	}
	return response;
}

/** Sends a request and parses the JSON answer with `schema`; `json` is sent as the JSON body (instead of `body`). */
export async function requestJson<Schema extends z.ZodType>(
	path: string,
	schema: Schema,
	init?: RequestInit & { json?: object },
	options?: RequestOptions
): Promise<z.infer<Schema>> {
	const { json, ...rest } = init ?? {};
	const headers: Record<string, string> = { accept: 'application/json', ...(rest.headers as Record<string, string> | undefined) };
	if (json !== undefined) headers['content-type'] = 'application/json';
	const body = json === undefined ? rest.body : JSON.stringify(json);
	const response = await send(path, { ...rest, headers, body }, options);
	const parsed = schema.safeParse(await response.json().catch(() => undefined));
	if (!parsed.success) {
		throw new ApiError('bad_response', 'The server sent an answer this page does not understand.', response.status, {
			cause: parsed.error
		});
	}
	return parsed.data;
}

const organizationsSchema = z.object({ organizations: z.array(organizationSchema) });
const peopleSchema = z.object({ people: z.array(personSchema) });
const okSchema = z.object({ ok: z.boolean() });
// The view is built by our own server; check its outline and trust the typed details.
const conversationViewSchema = z.custom<ConversationView>(
	(value) => z.object({ messages: z.array(z.object({ role: z.string() })), activeRunId: z.string().nullable() }).safeParse(value).success
);

export type StreamRequest = { text: string; orgId: string; conversationId?: string; clientMessageId?: string };

/** The organizations this server hosts. */
export async function listOrganizations(): Promise<Organization[]> {
	return (await requestJson('/api/orgs', organizationsSchema)).organizations;
}

/** Everyone in one organization (`org` is its id or slug). */
export async function listPeople(org: string): Promise<Person[]> {
	return (await requestJson(`/api/orgs/${encodeURIComponent(org)}/people`, peopleSchema)).people;
}

/** A stored conversation with its messages and the run still answering, if any. */
export async function getConversation(id: string): Promise<ConversationView> {
	return requestJson(`/api/chat/conversations/${encodeURIComponent(id)}`, conversationViewSchema);
}

/** Asks the server to stop a run; its stream then ends with `done` (finishReason "stopped"). */
export async function stopRun(runId: string): Promise<void> {
	await requestJson(`/api/chat/runs/${encodeURIComponent(runId)}/stop`, okSchema, { method: 'POST' });
}

const approvalAnswerSchema = z.object({ ok: z.boolean(), approved: z.boolean() });

/** Approves or declines a tool call waiting for the user; the stream then says what came of it. */
export async function answerToolApproval(runId: string, toolId: string, approved: boolean): Promise<void> {
	const path = `/api/chat/runs/${encodeURIComponent(runId)}/tools/${encodeURIComponent(toolId)}/${approved ? 'approve' : 'deny'}`;
	await requestJson(path, approvalAnswerSchema, { method: 'POST' });
}

/** Sends a message and returns the open SSE response of the answer. */
export function openChatStream(body: StreamRequest, signal?: AbortSignal): Promise<Response> {
	return send('/api/chat/stream', {
		method: 'POST',
		headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
		body: JSON.stringify(body),
		signal
	});
}

/** Re-opens a run's event stream after `lastEventId` (replays what was missed, then follows live). */
export function resumeRunEvents(runId: string, lastEventId: number, signal?: AbortSignal): Promise<Response> {
	return send(`/api/chat/runs/${encodeURIComponent(runId)}/events`, {
		headers: { accept: 'text/event-stream', 'last-event-id': String(lastEventId) },
		signal
	});
}

/** Opens an organization's live change stream, after `lastEventId` when resuming (the server replays what came since). */
export function openOrgEvents(org: string, lastEventId: string | undefined, signal?: AbortSignal): Promise<Response> {
	const headers: Record<string, string> = { accept: 'text/event-stream' };
	if (lastEventId !== undefined) headers['last-event-id'] = lastEventId;
	return send(`/api/orgs/${encodeURIComponent(org)}/events`, { headers, signal });
}

const conversationListSchema = z.object({
	conversations: z.array(
		z.object({ id: z.string(), title: z.string().nullable(), updatedAt: z.string(), lastRunStatus: z.string().nullable() })
	),
	nextCursor: z.string().nullable()
});
export type ConversationListPage = z.infer<typeof conversationListSchema>;
export type ConversationListItem = ConversationListPage['conversations'][number];

/** One page of the caller's conversations in an organization, newest first. */
export async function listConversations(orgId: string, cursor?: string | null): Promise<ConversationListPage> {
	const query = new URLSearchParams({ orgId, limit: '30', ...(cursor && { cursor }) });
	return requestJson(`/api/chat/conversations?${query}`, conversationListSchema);
}

/** Renames a conversation. */
export async function renameConversation(id: string, title: string): Promise<void> {
	await requestJson(`/api/chat/conversations/${encodeURIComponent(id)}`, z.object({ conversation: z.object({ id: z.string() }) }), {
		method: 'PATCH',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ title })
	});
}

/** Deletes a conversation (409 while an answer is being written in it). */
export async function deleteConversation(id: string): Promise<void> {
	await requestJson(`/api/chat/conversations/${encodeURIComponent(id)}`, z.object({ deleted: z.object({ id: z.string() }) }), { method: 'DELETE' });
}

const chatResultSchema = z.object({
	conversationId: z.string(),
	runId: z.string(),
	message: z.object({
		content: z.string(),
		toolCalls: z.array(z.object({ id: z.string(), name: z.string(), arguments: z.unknown(), status: z.string(), result: z.unknown().optional(), error: z.string().optional() })),
		finishReason: z.string().nullable(),
		status: z.enum(['running', 'done', 'error', 'stopped']),
		error: z.string().optional()
	})
});
export type ChatResult = z.infer<typeof chatResultSchema>;

/** Sends a message and waits for the whole answer (POST /api/chat): for browsers that cannot read a streamed body. */
export function sendChatMessage(body: StreamRequest, signal?: AbortSignal): Promise<ChatResult> {
	return requestJson('/api/chat', chatResultSchema, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
		signal
	});
}

/** Whether this browser can read a response body as it streams in (every current one; some embedded views cannot). */
export function supportsStreamingFetch(): boolean {
	return typeof ReadableStream === 'function' && typeof TextDecoder === 'function' && 'body' in Response.prototype;
}
