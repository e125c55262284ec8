/** What both chat doors (`/api/chat/stream` and `/api/chat`) do first: authorize, limit, start or re-attach. */
import type { ChatRequest } from '$lib/protocol';
import { authorizeOrganization, type Principal } from '../access';
import type { RunRow } from '../db/runs';
import { AppError } from '../errors';
import { recordResume } from '../metrics';
import type { StartedRun } from '../runs/chat-runs';
import type { Services } from '../services';

/**
 * Starts the caller's run in the named organization (viewers may chat: the tools act with their
 * role), or re-attaches to the run this clientMessageId started. New runs count against
 * CHAT_RUNS_PER_MINUTE; a retry does not.
 */
export async function startChat(services: Services, principal: Principal, body: ChatRequest): Promise<{ started: StartedRun; run: RunRow }> {
	const { database, chatRuns, chatRunLimiter } = services;
	const { org, actor } = await authorizeOrganization(database.db, principal, body.orgId);
	const wait = chatRunLimiter.retryAfterSeconds(principal.userId);
	if (wait > 0) throw new AppError('rate_limited', 'You are sending messages too quickly. Wait a moment and try again.', { details: { retryAfter: wait } });
	const started = await chatRuns.start(org, actor, body);
	if (started.attached) recordResume();
	else chatRunLimiter.hit(principal.userId);
	return { started, run: started.run };
}
