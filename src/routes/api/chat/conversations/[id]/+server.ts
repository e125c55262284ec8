import { json } from '@sveltejs/kit';
import { authorizeConversation, requirePrincipal } from '$lib/server/access';
import { buildConversationView } from '$lib/server/chat/conversation-view';
import { errorResponse } from '$lib/server/errors';
import { getServices } from '$lib/server/services';
import type { RequestHandler } from './$types';


/** A stored conversation with its messages, and the run still answering in it, if any. */
export const GET: RequestHandler = async ({ locals, params }) => {
	try {
		const { database, eventLog } = await getServices();
		const { conversation } = await authorizeConversation(database.db, requirePrincipal(locals.principal), params.id);
		return json(await buildConversationView(database.db, conversation, (runId) => eventLog.isLive(runId)));
	} catch (error) {
		return errorResponse(error);
	}
};
