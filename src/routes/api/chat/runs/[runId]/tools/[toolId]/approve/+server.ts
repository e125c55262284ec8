import { approvalAnswerHandler } from '$lib/server/chat/approval-answer';
import type { RequestHandler } from './$types';

/** Lets a tool call waiting for the user's approval run; the stream then shows it running. */
export const POST: RequestHandler = approvalAnswerHandler(true);
