/** The approve and deny endpoints of a tool call waiting for the user: one handler, two answers. */
import { json, type RequestHandler } from '@sveltejs/kit';
import { authorizeRun, requirePrincipal } from '../access';
import { errorResponse } from '../errors';
import { getServices } from '../services';

/** POST /api/chat/runs/:runId/tools/:toolId/(approve|deny) → `{ ok: true, approved }`; only the run's user may answer. */
export function approvalAnswerHandler(approved: boolean): RequestHandler<{ runId: string; toolId: string }> {
	return async ({ locals, params }) => {
		try {
			const { database, chatRuns } = await getServices();
			const { run } = await authorizeRun(database.db, requirePrincipal(locals.principal), params.runId);
			const answer = await chatRuns.answerApproval(run, params.toolId, approved);
			return json({ ok: true, approved: answer.approved });
		} catch (error) {
			return errorResponse(error);
		}
	};
}
