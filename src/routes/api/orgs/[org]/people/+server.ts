import { json } from '@sveltejs/kit';
import { authorizeOrganization, requirePrincipal } from '$lib/server/access';
import { listPeople, toPerson } from '$lib/server/db/people';
import { errorResponse } from '$lib/server/errors';
import { readJsonBody } from '$lib/server/http';
import { createPerson } from '$lib/server/org/people-service';
import { newPersonBody } from '$lib/server/org/person-fields';
import { getServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** The organization's people: `{ people: [Person…] }`. */
export const GET: RequestHandler = async ({ locals, params }) => {
	try {
		const { database } = await getServices();
		const { org } = await authorizeOrganization(database.db, requirePrincipal(locals.principal), params.org);
		const people = await listPeople(database.db, org.id);
		return json({ people: people.map(toPerson) });
	} catch (error) {
		return errorResponse(error);
	}
};

/** Adds a person (manager by `managerId`, or by `manager`: a name or id); 201 `{ person, changeId }`. */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	try {
		const { database } = await getServices();
		const { org, actor } = await authorizeOrganization(database.db, requirePrincipal(locals.principal), params.org, 'editPeople');
		const { managerId, manager, ...fields } = await readJsonBody(request, newPersonBody);
		const ctx = { db: database.db, orgId: org.id, actor };
		const created = await createPerson(ctx, { ...fields, manager: managerId ?? manager ?? null });
		return json({ person: toPerson(created.person), changeId: created.changeId }, { status: 201 });
	} catch (error) {
		return errorResponse(error);
	}
};
