import { json } from '@sveltejs/kit';
import { authorizeConversation, requirePrincipal } from '$lib/server/access';
import { deleteConversationIfIdle, renameConversationTitle } from '$lib/server/chat/conversation-history';
import { renameConversationBody } from '$lib/server/chat/conversation-requests';
import { buildConversationView } from '$lib/server/chat/conversation-view';
import { errorResponse } from '$lib/server/errors';
import { readJsonBody } from '$lib/server/http';
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

/** Renames the conversation: `{ title }` → `{ conversation: { id, title, updatedAt } }`. */
export const PATCH: RequestHandler = async ({ locals, params, request }) => {
	try {
		const { database } = await getServices();
		const { conversation } = await authorizeConversation(database.db, requirePrincipal(locals.principal), params.id);
		const { title } = await readJsonBody(request, renameConversationBody);
		return json({ conversation: await renameConversationTitle(database.db, conversation, title) });
	} catch (error) {
		return errorResponse(error);
	}
};

/** Deletes the conversation with its messages and answers; 409 while an answer is being written. */
export const DELETE: RequestHandler = async ({ locals, params }) => {
	try {
		const { database, eventLog } = await getServices();
		const { conversation } = await authorizeConversation(database.db, requirePrincipal(locals.principal), params.id);
		await deleteConversationIfIdle(database.db, conversation, (runId) => eventLog.isLive(runId));
		return json({ deleted: { id: conversation.id } });
	} catch (error) {
		return errorResponse(error);
	}
};
