import { json } from '@sveltejs/kit';
import { authorizeOrganization, requirePrincipal } from '$lib/server/access';
import { errorResponse } from '$lib/server/errors';
import { MAX_IMPORT_BODY_BYTES, readBoundedBytes } from '$lib/server/http';
import { importResponse, readImportOptions } from '$lib/server/org/import-request';
import { decodeCsv, planImport } from '$lib/server/org/people-import';
import { getServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/**
 * Imports people from a CSV body (editors). `?dryRun=1` answers the preview `{ summary, rows,
 * columns }` and writes nothing; otherwise everything is written as one operation, or nothing (422
 * `import_errors` with the rows in error). `?columns=` maps headers to fields (JSON). With
 * `Accept: text/event-stream` the apply streams `progress` events, then `result` (or `error`).
 */
export const POST: RequestHandler = async ({ locals, params, request, url }) => {
	try {
		const { database } = await getServices();
		const { org, actor } = await authorizeOrganization(database.db, requirePrincipal(locals.principal), params.org, 'editPeople');
		const options = readImportOptions(url);
		const csv = decodeCsv(await readBoundedBytes(request, MAX_IMPORT_BODY_BYTES));
		if (options.dryRun) return json((await planImport(database.db, org.id, csv, options)).preview);
		return await importResponse(request, { db: database.db, orgId: org.id, actor }, csv, options);
	} catch (error) {
		return errorResponse(error);
	}
};
