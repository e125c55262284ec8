import { json } from '@sveltejs/kit';
import { authorizeOrganization } from '$lib/server/access';
import { buildConversationView } from '$lib/server/chat/conversation-view';
import { getConversation } from '$lib/server/db/conversations';
import { AppError, errorResponse } from '$lib/server/errors';
import { isUuid } from '$lib/server/ids';
import { getServices } from '$lib/server/services';
import type { RequestHandler } from './$types';


/** A stored conversation with its messages, and the run still answering in it, if any. */
export const GET: RequestHandler = async ({ params }) => {
	try {
		const { database, eventLog } = await getServices();
		const conversation = isUuid(params.id) ? await getConversation(database.db, params.id) : undefined;
		if (!conversation) throw new AppError('not_found', 'That conversation does not exist.');
		await authorizeOrganization(database.db, conversation.organizationId);
		return json(await buildConversationView(database.db, conversation, (runId) => eventLog.isLive(runId)));
	} catch (error) {
		return errorResponse(error);
	}
};
