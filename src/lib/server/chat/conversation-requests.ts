/** What the conversation routes accept: shared with the OpenAPI description so it is written once. */
import { z } from 'zod';
import { HISTORY_PAGE_DEFAULT, HISTORY_PAGE_MAX } from './conversation-history';

/** Query of GET /api/chat/conversations. */
export const conversationListQuery = z.object({
	orgId: z.string('orgId is required.').min(1, 'orgId is required.').max(200),
	cursor: z.string().max(200).optional(),
	limit: z.coerce.number().int().min(1).max(HISTORY_PAGE_MAX).default(HISTORY_PAGE_DEFAULT)
});

/** Body of PATCH /api/chat/conversations/:id. */
export const renameConversationBody = z
	.object({ title: z.string('title is required.').trim().min(1, 'The title cannot be empty.').max(200, 'Titles are limited to 200 characters.') })
	.strict();
