import { approvalAnswerHandler } from '$lib/server/chat/approval-answer';
import type { RequestHandler } from './$types';

/** Declines a tool call waiting for the user's approval: nothing is written, and the model is told. */
export const POST: RequestHandler = approvalAnswerHandler(false);
