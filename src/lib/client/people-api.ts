/**
 * The editor's calls: people CRUD, the changes history and undo. Every call goes through
 * `requestJson`, so a refusal arrives as an `ApiError` carrying the server's message.
 */
import { z } from 'zod';
import { personSchema, type ChangeSummary, type Person } from '$lib/protocol';
import { requestJson } from './api';

const base = (org: string) => `/api/orgs/${encodeURIComponent(org)}`;
const personPath = (org: string, id: string) => `${base(org)}/people/${encodeURIComponent(id)}`;

const refSchema = z.object({ id: z.string(), name: z.string(), title: z.string() });
const savedSchema = z.object({ person: personSchema, changeId: z.string().nullable() });
const removedSchema = z.object({
	removed: refSchema,
	reassignedTo: refSchema.nullable(),
	reassigned: z.array(refSchema),
	changeId: z.string().nullable()
});
const changeSchema = z.object({
	id: z.string(),
	at: z.string(),
	actor: z.object({
		kind: z.enum(['user', 'token', 'assistant', 'system']),
		userId: z.string().optional(),
		name: z.string().optional(),
		tokenId: z.string().optional(),
		conversationId: z.string().optional(),
		runId: z.string().optional()
	}),
	summary: z.string(),
	personIds: z.array(z.string()),
	undoneBy: z.string().nullable(),
	undoOf: z.string().nullable()
}) satisfies z.ZodType<ChangeSummary>;
const changesSchema = z.object({ changes: z.array(changeSchema) });

/** The editable fields as the forms send them: empty text clears a field. */
export type PersonFields = {
	name: string;
	title: string;
	department: string;
	email: string;
	location: string;
	startDate: string;
	vacancy: boolean;
	dottedLineManagerIds: string[];
};

/** Adds a person under `managerId` (null: the top of the chart). */
export function createPerson(org: string, fields: PersonFields, managerId: string | null): Promise<z.infer<typeof savedSchema>> {
	return requestJson(`${base(org)}/people`, savedSchema, { method: 'POST', json: { ...fields, managerId } });
}

/** Edits fields and/or the manager, all or nothing; `changeId` is null when nothing changed. */
export function editPerson(
	org: string,
	id: string,
	changes: Partial<PersonFields> & { managerId?: string | null }
): Promise<z.infer<typeof savedSchema>> {
	return requestJson(personPath(org, id), savedSchema, { method: 'PATCH', json: changes });
}

/** Removes a person; their reports go to `reassignTo` (a person id), or to the removed person's manager. */
export function removePerson(org: string, id: string, reassignTo: string | null): Promise<z.infer<typeof removedSchema>> {
	return requestJson(personPath(org, id), removedSchema, { method: 'DELETE', json: reassignTo ? { reassignReportsTo: reassignTo } : {} });
}

/** The organization's changes, newest first (a person's, with `personId`); `before` pages by change id. */
export async function listChanges(org: string, options: { personId?: string; limit?: number; before?: string } = {}): Promise<ChangeSummary[]> {
	const query = new URLSearchParams();
	if (options.personId) query.set('personId', options.personId);
	if (options.limit) query.set('limit', String(options.limit));
	if (options.before) query.set('before', options.before);
	return (await requestJson(`${base(org)}/changes?${query}`, changesSchema)).changes;
}

/** Reverts a change as a new one; a 409 ApiError says why when later changes stand in the way. */
export async function undoChange(org: string, changeId: string): Promise<ChangeSummary> {
	return (await requestJson(`${base(org)}/changes/${encodeURIComponent(changeId)}/undo`, z.object({ change: changeSchema }), { method: 'POST' }))
		.change;
}

/** One person as the server has them now. */
export async function getPerson(org: string, id: string): Promise<Person> {
	return (await requestJson(personPath(org, id), z.object({ person: personSchema }))).person;
}
