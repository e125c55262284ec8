/** A stored conversation as the chat shows it: one user message and one assistant message per run. */
import { eq } from 'drizzle-orm';
import { parseToolArguments, type ConversationMessage, type ConversationView } from '$lib/protocol';
import type { Database } from '../db';
import { listMessages, type ConversationRow } from '../db/conversations';
import { runs } from '../db/schema';

/** Builds the view; `isLive` tells whether a run marked running is really still going. */
export async function buildConversationView(
	db: Database,
	conversation: ConversationRow,
	isLive: (runId: string) => Promise<boolean>
): Promise<ConversationView> {
	const [rows, runRows] = await Promise.all([
		listMessages(db, conversation.id),
		db.select().from(runs).where(eq(runs.conversationId, conversation.id))
	]);
	const runById = new Map(runRows.map((run) => [run.id, run]));
	const running = runRows.find((run) => run.status === 'running');
	const activeRunId = running && (await isLive(running.id)) ? running.id : null;
	const result: ConversationMessage[] = [];
	const answers = new Map<string, ConversationMessage>();
	for (const row of rows) {
		const createdAt = row.createdAt.toISOString();
		if (row.role === 'user') {
			result.push({ id: row.id, role: 'user', content: row.content, toolCalls: [], parts: [], runId: row.runId, status: null, createdAt });
			continue;
		}
		if (row.role !== 'assistant' || !row.runId) continue;
		let answer = answers.get(row.runId);
		if (!answer) {
			const status = runById.get(row.runId)?.status ?? null;
			answer = { id: row.runId, role: 'assistant', content: '', toolCalls: [], parts: [], runId: row.runId, status, createdAt };
			answers.set(row.runId, answer);
			result.push(answer);
		}
		// Within one model step the text came first, then the calls it made.
		answer.content += row.content;
		if (row.content) answer.parts.push({ kind: 'text', text: row.content });
		for (const call of row.toolCalls ?? []) {
			// A call can only still wait for approval while its answer runs; otherwise it was never answered.
			const unanswered = call.status === 'awaiting_approval' && row.runId !== activeRunId;
			const shown = unanswered ? { ...call, status: 'error' as const, error: 'Not done: the answer ended before this change was approved.' } : call;
			answer.toolCalls.push({ ...shown, arguments: parseToolArguments(call.arguments) });
			answer.parts.push({ kind: 'tool', toolCallId: call.id });
		}
	}
	return {
		conversation: { id: conversation.id, organizationId: conversation.organizationId, title: conversation.title },
		messages: result,
		activeRunId
	};
}
