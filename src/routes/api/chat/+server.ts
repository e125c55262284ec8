import { json } from '@sveltejs/kit';
import { chatRequestSchema } from '$lib/protocol';
import { requirePrincipal } from '$lib/server/access';
import { readRunResult } from '$lib/server/chat/run-result';
import { startChat } from '$lib/server/chat/start-chat';
import { AppError, errorResponse } from '$lib/server/errors';
import { readJsonBody } from '$lib/server/http';
import { getServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** Extra time past the run's own deadline for its end to be recorded. */
const RECORD_GRACE_MS = 5_000;

/**
 * The same request as `/api/chat/stream`, answered once the run ends: 200 `{ conversationId, runId,
 * message: { content, toolCalls, finishReason } }`. A repeated clientMessageId returns the same
 * run's result (it never runs twice). When a tool call waits for approval the answer comes early:
 * 202 with `status: "running"` and that call `awaiting_approval`; approve or deny it, then repeat
 * the request (same clientMessageId) to wait for the rest. For scripts, and browsers without
 * streaming fetch.
 */
export const POST: RequestHandler = async ({ locals, request }) => {
	try {
		const principal = requirePrincipal(locals.principal);
		const body = await readJsonBody(request, chatRequestSchema);
		const services = await getServices();
		const { run } = await startChat(services, principal, body);
		const outcome = await services.chatRuns.awaitEnd(run, services.env.RUN_TIMEOUT_S * 1000 + RECORD_GRACE_MS);
		if (outcome === 'timeout') throw new AppError('unavailable', 'The answer did not finish in time. Its result will be in the conversation.');
		return json(await readRunResult(services.database.db, run.id), { status: outcome === 'awaiting_approval' ? 202 : 200 });
	} catch (error) {
		return errorResponse(error);
	}
};
