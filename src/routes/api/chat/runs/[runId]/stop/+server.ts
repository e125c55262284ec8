import { json } from '@sveltejs/kit';
import { authorizeRun, requirePrincipal } from '$lib/server/access';
import { errorResponse } from '$lib/server/errors';
import { getServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** Stops a run wherever it executes; its stream then ends with `done` (finishReason "stopped"). */
export const POST: RequestHandler = async ({ locals, params }) => {
	try {
		const { database, chatRuns } = await getServices();
		const { run } = await authorizeRun(database.db, requirePrincipal(locals.principal), params.runId);
		const { status } = await chatRuns.stop(run);
		return json({ ok: true, status });
	} catch (error) {
		return errorResponse(error);
	}
};
