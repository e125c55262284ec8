import { json } from '@sveltejs/kit';
import { requirePrincipal, type Principal } from '$lib/server/access';
import { createOrganization, deleteOrganization, listOrganizationsOf } from '$lib/server/auth/members';
import { newOrganizationBody } from '$lib/server/auth/schemas';
import { AppError, errorResponse } from '$lib/server/errors';
import { MAX_IMPORT_BODY_BYTES, readBoundedBytes, readJsonBody } from '$lib/server/http';
import { readImportOptions } from '$lib/server/org/import-request';
import { applyImport, decodeCsv } from '$lib/server/org/people-import';
import { getServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** The caller's organizations: `{ organizations: [{ id, slug, name, role }] }`. */
export const GET: RequestHandler = async ({ locals }) => {
	try {
		const { database } = await getServices();
		return json({ organizations: await listOrganizationsOf(database.db, requirePrincipal(locals.principal)) });
	} catch (error) {
		return errorResponse(error);
	}
};

/**
 * Creates an organization; the caller owns it. 201 `{ organization }`; 409 for a taken slug. With a
 * CSV body (`Content-Type: text/csv`, `?name=&slug=`) it is filled from the file in the same request:
 * 201 `{ organization, summary, changeId }`, or, when a row has an error, 422 and no organization.
 */
export const POST: RequestHandler = async ({ locals, request, url }) => {
	try {
		const principal = requirePrincipal(locals.principal);
		if ((request.headers.get('content-type') ?? '').toLowerCase().startsWith('text/csv')) return await createFromCsv(principal, request, url);
		const body = await readJsonBody(request, newOrganizationBody);
		const { database } = await getServices();
		const organization = await createOrganization(database.db, principal, body);
		return json({ organization: { ...organization, role: 'owner' } }, { status: 201 });
	} catch (error) {
		return errorResponse(error);
	}
};

async function createFromCsv(principal: Principal, request: Request, url: URL): Promise<Response> {
	const parsed = newOrganizationBody.safeParse({ name: url.searchParams.get('name') ?? undefined, ...(url.searchParams.has('slug') && { slug: url.searchParams.get('slug') }) });
	if (!parsed.success) throw new AppError('invalid_request', `?name= (and optionally ?slug=) name the new organization: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
	const options = readImportOptions(url);
	const csv = decodeCsv(await readBoundedBytes(request, MAX_IMPORT_BODY_BYTES));
	const { database } = await getServices();
	const organization = await createOrganization(database.db, principal, parsed.data);
	const actor = principal.kind === 'user' ? { kind: 'user' as const, userId: principal.userId, role: 'owner' as const } : null;
	if (!actor) throw new AppError('forbidden', 'API tokens belong to one organization and cannot create others.');
	try {
		const result = await applyImport({ db: database.db, orgId: organization.id, actor }, csv, options);
		return json({ organization: { ...organization, role: 'owner' }, ...result }, { status: 201 });
	} catch (error) {
		// Nothing is left behind: the organization goes with the import that failed.
		await deleteOrganization(database.db, organization.id).catch(() => {});
		throw error;
	}
}
