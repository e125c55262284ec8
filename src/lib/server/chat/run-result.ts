/** A finished answer as `POST /api/chat` returns it: its text, its tool calls with outcomes, how it ended. */
import type { RunStatus, ToolCallView } from '$lib/protocol';
import type { Database } from '../db';
import { getRun, type RunRow } from '../db/runs';
import { getConversation } from '../db/conversations';
import { buildConversationView } from './conversation-view';

export type RunResult = {
	conversationId: string;
	runId: string;
	message: {
		content: string;
		toolCalls: ToolCallView[];
		finishReason: string | null;
		status: RunStatus;
		/** Set when the answer failed: a message fit for users. */
		error?: string;
	};
};

/** The recorded outcome of a run (it has ended, or `finished` is false and it is reported as still running). */
export async function readRunResult(db: Database, runId: string): Promise<RunResult> {
	const run = (await getRun(db, runId)) as RunRow;
	const conversation = await getConversation(db, run.conversationId);
	const view = conversation ? await buildConversationView(db, conversation, async () => run.status === 'running') : null;
	const answer = view?.messages.find((message) => message.role === 'assistant' && message.runId === run.id);
	return {
		conversationId: run.conversationId,
		runId: run.id,
		message: {
			content: answer?.content ?? '',
			toolCalls: answer?.toolCalls ?? [],
			finishReason: run.finishReason,
			status: run.status,
			...(run.error && { error: run.error })
		}
	};
}
