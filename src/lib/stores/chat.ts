/**
 * The chat store. Keeps the guide's names — `sendStreamingMessage`, `chatHistory`, `isThinking`,
 * `chatError` — but `chatHistory` changes only when a message is added: streamed text and tool
 * statuses live in each message's own reactive state (see chat-message.svelte.ts).
 */
import { get, writable, type Readable } from 'svelte/store';
import type { StreamEvent } from '$lib/protocol';
import {
	answerToolApproval,
	ApiError,
	getConversation,
	openChatStream,
	resumeRunEvents,
	sendChatMessage,
	stopRun,
	supportsStreamingFetch
} from '$lib/client/api';
import { ChatMessage, type ToolCall } from './chat-message.svelte';
import { applyStreamEvent } from './stream-reducer';
import { followRun, type RunEnd } from './run-follower';
import { forgetSavedChats, loadSavedChat, saveChat } from './chat-storage';
import { clearHighlights, notePeopleTouched, reloadPeople } from './org';

const history = writable<ChatMessage[]>([]);
const thinking = writable(false);
const error = writable<string | null>(null);
const runId = writable<string | null>(null);
const reconnecting = writable(false);
const conversationId = writable<string | null>(null);

/** The messages of the conversation, oldest first. */
export const chatHistory: Readable<ChatMessage[]> = { subscribe: history.subscribe };
/** True while an answer is being written (from sending until `done` or `error`). */
export const isThinking: Readable<boolean> = { subscribe: thinking.subscribe };
/** The last problem to show the user, in words they can act on; null when all is well. */
export const chatError: Readable<string | null> = { subscribe: error.subscribe };
/** The run answering right now (for the Stop button). */
export const activeRunId: Readable<string | null> = { subscribe: runId.subscribe };
/** True while the connection to a running answer dropped and the page is getting it back. */
export const isReconnecting: Readable<boolean> = { subscribe: reconnecting.subscribe };
/** The conversation on screen (null for a new one), for the history list. */
export const currentConversationId: Readable<string | null> = { subscribe: conversationId.subscribe };

type Session = { orgId: string; conversationId: string | null; lastEventId: number; abort: AbortController | null };
let session: Session | null = null;

function remember(): void {
	if (!session) return;
	conversationId.set(session.conversationId);
	saveChat(session.orgId, { conversationId: session.conversationId, runId: get(runId), lastEventId: session.lastEventId });
}

/** Side effects of one event beyond the message itself: ids to remember, the chart to update. */
function onRunEvent(message: ChatMessage, event: StreamEvent, id: number | undefined): void {
	applyStreamEvent(message, event);
	if (!session) return;
	if (id !== undefined) session.lastEventId = id;
	if (event.type === 'start') {
		session.conversationId = event.conversationId;
		runId.set(event.runId);
	}
	// A change reloads the chart even when nobody is left to highlight (e.g. a removal).
	if (event.type === 'tool_execution_complete' && (event.touched?.length || event.mutated)) {
		notePeopleTouched(event.touched ?? [], event.mutated === true);
	}
	// Remember at the few events that matter, not on every token.
	if (event.type !== 'delta' && event.type !== 'tool_call_delta') remember();
}

async function follow(message: ChatMessage, open: () => Promise<Response>, afterId = 0): Promise<RunEnd> {
	const current = session as Session;
	current.abort?.abort();
	const abort = new AbortController();
	current.abort = abort;
	message.isStreaming = true;
	thinking.set(true);
	const end = await followRun({
		open,
		resume: (id, lastEventId) => resumeRunEvents(id, lastEventId, abort.signal),
		onEvent: (event, id) => onRunEvent(message, event, id),
		runId: () => message.runId,
		afterId,
		signal: abort.signal,
		onConnectionChange: (dropped) => reconnecting.set(dropped)
	});
	reconnecting.set(false);
	if (session !== current || abort.signal.aborted) return end;
	if (end.kind === 'failed') message.finish('error', end.error.message);
	if (message.error) error.set(message.error);
	thinking.set(false);
	runId.set(null);
	current.abort = null;
	remember();
	return end;
}

/** Sends a message and streams the answer. Resolves false when nothing was sent (empty, busy, refused). */
export async function sendStreamingMessage(text: string): Promise<boolean> {
	const trimmed = text.trim();
	if (!trimmed || !session || get(thinking)) return false;
	const current = session;
	const clientMessageId = crypto.randomUUID();
	const question = new ChatMessage('user', clientMessageId, trimmed);
	const answer = new ChatMessage('assistant', `pending-${clientMessageId}`);
	error.set(null);
	clearHighlights();
	history.update((messages) => [...messages, question, answer]);
	if (!supportsStreamingFetch()) return sendWithoutStreaming(current, question, answer, clientMessageId);
	const end = await follow(answer, () =>
		openChatStream(
			{ text: trimmed, orgId: current.orgId, conversationId: current.conversationId ?? undefined, clientMessageId },
			current.abort?.signal
		)
	);
	if (end.kind === 'failed' && !answer.runId) {
		// The server never took the message: say so on it and drop the empty answer.
		question.notSent = true;
		history.update((messages) => messages.filter((item) => item !== answer));
		return false;
	}
	return true;
}

/**
 * For browsers that cannot read a streamed body: POST /api/chat waits for the whole answer, which is
 * then shown as stored (the same view a reload shows).
 */
async function sendWithoutStreaming(current: Session, question: ChatMessage, answer: ChatMessage, clientMessageId: string): Promise<boolean> {
	thinking.set(true);
	try {
		const result = await sendChatMessage({ text: question.content, orgId: current.orgId, conversationId: current.conversationId ?? undefined, clientMessageId });
		if (session !== current) return true;
		current.conversationId = result.conversationId;
		const view = await getConversation(result.conversationId);
		if (session !== current) return true;
		history.set(view.messages.map(ChatMessage.fromStored));
		if (result.message.error) error.set(result.message.error);
		if (result.message.toolCalls.some((call) => call.status === 'complete')) void reloadPeople().catch(() => {});
		return true;
	} catch (cause) {
		if (session !== current) return false;
		question.notSent = true;
		history.update((messages) => messages.filter((item) => item !== answer));
		error.set(cause instanceof ApiError ? cause.message : 'Could not send the message.');
		return false;
	} finally {
		if (session === current) {
			thinking.set(false);
			remember();
		}
	}
}

/** Asks the server to stop the answer; the stream then ends with `done` ("stopped") on its own. */
export async function stopStreaming(): Promise<void> {
	const id = get(runId);
	if (!id) return;
	try {
		await stopRun(id);
	} catch (cause) {
		error.set(cause instanceof ApiError ? cause.message : 'Could not stop the answer.');
	}
}

/**
 * Approves or declines a call waiting for the user. The card changes when the stream says the
 * answer was taken (`tool_approval_resolved`), so every open tab shows the same thing.
 */
export async function answerApproval(runIdOfCall: string, call: ToolCall, approved: boolean): Promise<void> {
	if (call.answering || call.status !== 'awaiting_approval') return;
	call.answering = true;
	try {
		await answerToolApproval(runIdOfCall, call.id, approved);
	} catch (cause) {
		call.answering = false;
		error.set(cause instanceof ApiError ? cause.message : 'Could not send your answer.');
	}
}

/** Hides the error banner. */
export function clearChatError(): void {
	error.set(null);
}

/** Starts over with an empty conversation (a running answer goes on server-side, unseen). */
export function newConversation(): void {
	if (!session) return;
	session.abort?.abort();
	session = { orgId: session.orgId, conversationId: null, lastEventId: 0, abort: null };
	history.set([]);
	thinking.set(false);
	runId.set(null);
	error.set(null);
	remember();
}

/** Closes the chat (on sign-out); `forgetSaved` also drops the conversations remembered in this browser. */
export function closeChat(forgetSaved = false): void {
	if (forgetSaved) forgetSavedChats();
	session?.abort?.abort();
	session = null;
	conversationId.set(null);
	history.set([]);
	thinking.set(false);
	reconnecting.set(false);
	runId.set(null);
	error.set(null);
}

/** Opens the chat of an organization: restores its saved conversation and resumes an answer still running. */
export async function openChatForOrganization(orgId: string): Promise<void> {
	await showConversation(orgId, loadSavedChat(orgId)?.conversationId ?? null);
}

/** Opens an earlier conversation of the current organization (from the history list) and resumes its running answer. */
export async function openConversation(id: string): Promise<void> {
	if (!session) return;
	await showConversation(session.orgId, id);
	remember();
}

async function showConversation(orgId: string, id: string | null): Promise<void> {
	session?.abort?.abort();
	session = { orgId, conversationId: id, lastEventId: 0, abort: null };
	conversationId.set(id);
	history.set([]);
	thinking.set(false);
	runId.set(null);
	error.set(null);
	reconnecting.set(false);
	if (!id) return;
	const current = session;
	let view;
	try {
		view = await getConversation(id);
	} catch (cause) {
		if (session !== current) return;
		if (cause instanceof ApiError && cause.status === 404) newConversation();
		else error.set(cause instanceof Error ? cause.message : 'Could not load the conversation.');
		return;
	}
	if (session !== current) return;
	const active = view.activeRunId;
	// An answer still running is rebuilt from its full event log rather than from a partial snapshot.
	const messages = view.messages.filter((stored) => !(stored.role === 'assistant' && stored.runId === active)).map(ChatMessage.fromStored);
	if (!active) {
		history.set(messages);
		return;
	}
	const answer = new ChatMessage('assistant', active);
	answer.runId = active;
	runId.set(active);
	history.set([...messages, answer]);
	await follow(answer, () => resumeRunEvents(active, 0, current.abort?.signal));
}
