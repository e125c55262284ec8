import { json } from '@sveltejs/kit';
import { authorizeOrganization, requirePrincipal, type Permission } from '$lib/server/access';
import { getPerson, toPerson, toPersonRef } from '$lib/server/db/people';
import { AppError, errorResponse } from '$lib/server/errors';
import { readJsonBody } from '$lib/server/http';
import { isUuid } from '$lib/server/ids';
import { editPerson, removePerson } from '$lib/server/org/people-service';
import { editPersonBody, removePersonBody } from '$lib/server/org/person-fields';
import { getServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** The organization and the acting context for a request naming a person by id. */
async function target(locals: App.Locals, params: { org: string; id: string }, permission: Permission) {
	const { database } = await getServices();
	const { org, actor } = await authorizeOrganization(database.db, requirePrincipal(locals.principal), params.org, permission);
	if (!isUuid(params.id)) throw new AppError('not_found', 'There is no person with that id.');
	return { db: database.db, ctx: { db: database.db, orgId: org.id, actor } };
}

/** One person: `{ person }`. */
export const GET: RequestHandler = async ({ locals, params }) => {
	try {
		const { db, ctx } = await target(locals, params, 'read');
		const person = await getPerson(db, ctx.orgId, params.id);
		if (!person) throw new AppError('not_found', 'There is no person with that id in this organization.');
		return json({ person: toPerson(person) });
	} catch (error) {
		return errorResponse(error);
	}
};

/**
 * Edits fields and/or the manager (`managerId`: an id or null for the top; `manager`: a name or id), all or
 * nothing: `{ person, changeId }` (`changeId` null when nothing changed).
 */
export const PATCH: RequestHandler = async ({ locals, params, request }) => {
	try {
		const { ctx } = await target(locals, params, 'editPeople');
		const { managerId, manager, ...changes } = await readJsonBody(request, editPersonBody);
		const newManager = managerId !== undefined ? managerId : manager;
		const { person, changeId } = await editPerson(ctx, params.id, { changes, manager: newManager });
		return json({ person: toPerson(person), changeId });
	} catch (error) {
		return errorResponse(error);
	}
};

/** Removes a person; reports go to `?reassignTo=` / `{ reassignReportsTo }`, or to the removed person's manager. */
export const DELETE: RequestHandler = async ({ locals, params, request, url }) => {
	try {
		const { ctx } = await target(locals, params, 'editPeople');
		const body = request.body ? await readJsonBody(request, removePersonBody) : {};
		const reassignTo = url.searchParams.get('reassignTo')?.trim() || body.reassignReportsTo;
		const { removed, reassignedTo, reassigned, changeId } = await removePerson(ctx, params.id, reassignTo);
		return json({
			removed: toPersonRef(removed),
			reassignedTo: reassignedTo ? toPersonRef(reassignedTo) : null,
			reassigned: reassigned.map(toPersonRef),
			changeId
		});
	} catch (error) {
		return errorResponse(error);
	}
};
