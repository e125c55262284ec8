/**
 * The rules for changing people, in one place for every door (tools, REST): a manager is in the
 * same organization, no reporting cycles, one root unless the org allows more, unique emails.
 * Each operation is one transaction under the organization's lock and writes an audit entry per
 * change; a refused change throws an AppError and writes nothing.
 */
import { AppError } from '../errors';
import type { Database } from '../db';
import type { OrganizationRow } from '../db/organizations';
import {
	findByEmail,
	insertPerson,
	listPeople,
	listRoots,
	updatePersonRow,
	type PersonFieldChanges,
	type PersonRow
} from '../db/people';
import { Hierarchy } from './hierarchy';
import type { OrgContext } from './context';
import { inOrgTransaction, parseInput, recordChange, resolveManager } from './org-transaction';
import { blankToNull, newPersonSchema, personChangesSchema, type NewPerson, type PersonChanges } from './person-fields';
import { requirePerson } from './resolve';

/** Adds a person; without a department they take their manager's. */
export async function createPerson(
	ctx: OrgContext,
	input: NewPerson
): Promise<{ person: PersonRow; manager: PersonRow | null }> {
	const fields = parseInput(newPersonSchema, input);
	return inOrgTransaction(ctx, async (tx, org) => {
		const manager = fields.manager ? await resolveManager(tx, ctx, fields.manager) : null;
		if (!manager) await refuseSecondRoot(tx, org, `${fields.name} needs a manager`);
		const email = blankToNull(fields.email) ?? null;
		if (email) await refuseTakenEmail(tx, ctx.orgId, email);
		const person = await insertPerson(tx, {
			organizationId: ctx.orgId,
			name: fields.name,
			title: fields.title,
			department: blankToNull(fields.department) ?? manager?.department ?? null,
			email,
			location: blankToNull(fields.location) ?? null,
			startDate: blankToNull(fields.startDate) ?? null,
			photoUrl: blankToNull(fields.photoUrl) ?? null,
			managerId: manager?.id ?? null
		});
		await recordChange(tx, ctx, 'create', null, person);
		return { person, manager };
	});
}

export type UpdateOutcome = { person: PersonRow; before: PersonRow; changed: string[] };

/** Edits a person's fields; fields equal to the stored ones are not counted as changes. */
export async function updatePerson(ctx: OrgContext, ref: string, changes: PersonChanges): Promise<UpdateOutcome> {
	const fields = parseInput(personChangesSchema, changes);
	return inOrgTransaction(ctx, async (tx) => applyUpdate(tx, ctx, await requirePerson(tx, ctx.orgId, ref), fields));
}

export type MoveOutcome = { person: PersonRow; oldManager: PersonRow | null; newManager: PersonRow | null };

/** Gives a person a new manager (null: the top of the chart); refuses cycles. */
export async function movePerson(ctx: OrgContext, ref: string, newManagerRef: string | null): Promise<MoveOutcome> {
	return inOrgTransaction(ctx, async (tx, org) => {
		const person = await requirePerson(tx, ctx.orgId, ref);
		return applyMove(tx, ctx, org, person, newManagerRef);
	});
}

/** Field edits and a manager change together, all or nothing (the REST PATCH). */
export async function editPerson(
	ctx: OrgContext,
	ref: string,
	edit: { changes: PersonChanges; manager?: string | null }
): Promise<PersonRow> {
	const fields = parseInput(personChangesSchema, edit.changes);
	return inOrgTransaction(ctx, async (tx, org) => {
		let person = (await applyUpdate(tx, ctx, await requirePerson(tx, ctx.orgId, ref), fields)).person;
		if (edit.manager !== undefined) person = (await applyMove(tx, ctx, org, person, edit.manager)).person;
		return person;
	});
}

async function applyUpdate(tx: Database, ctx: OrgContext, before: PersonRow, fields: PersonChanges): Promise<UpdateOutcome> {
	const changes: PersonFieldChanges = {};
	for (const key of Object.keys(fields) as (keyof PersonChanges)[]) {
		const value = fields[key];
		if (value === undefined) continue;
		const next = key === 'name' || key === 'title' ? value : blankToNull(value);
		if (next !== before[key]) Object.assign(changes, { [key]: next });
	}
	const changed = Object.keys(changes);
	if (changed.length === 0) return { person: before, before, changed };
	if (changes.email) await refuseTakenEmail(tx, ctx.orgId, changes.email, before.id);
	const person = await updatePersonRow(tx, before.id, changes);
	await recordChange(tx, ctx, 'update', before, person);
	return { person, before, changed };
}

async function applyMove(
	tx: Database,
	ctx: OrgContext,
	org: OrganizationRow,
	person: PersonRow,
	newManagerRef: string | null
): Promise<MoveOutcome> {
	const newManager = newManagerRef ? await resolveManager(tx, ctx, newManagerRef) : null;
	const hierarchy = new Hierarchy(await listPeople(tx, ctx.orgId));
	const oldManager = person.managerId ? (hierarchy.byId.get(person.managerId) ?? null) : null;
	if ((newManager?.id ?? null) === person.managerId) return { person, oldManager, newManager };
	if (newManager) refuseCycle(hierarchy, person, newManager);
	else await refuseSecondRoot(tx, org, `${person.name} needs a manager`);
	const moved = await updatePersonRow(tx, person.id, { managerId: newManager?.id ?? null });
	await recordChange(tx, ctx, 'move', person, moved);
	return { person: moved, oldManager, newManager };
}

/** Refuses a move that would make someone manage themselves, directly or through others. */
export function refuseCycle(hierarchy: Hierarchy<PersonRow>, person: PersonRow, newManager: PersonRow): void {
	if (newManager.id === person.id) throw new AppError('cycle', `${person.name} cannot be their own manager.`);
	const chain = hierarchy.chainOf(newManager.id);
	const at = chain.findIndex((manager) => manager.id === person.id);
	if (at === -1) return;
	const path = [newManager, ...chain.slice(0, at + 1)].map((someone) => someone.name).join(' → ');
	throw new AppError(
		'cycle',
		`${newManager.name} reports to ${person.name} (${path}), so ${person.name} cannot report to ${newManager.name}: that would be a reporting cycle.`
	);
}

async function refuseSecondRoot(tx: Database, org: OrganizationRow, reason: string): Promise<void> {
	if (org.allowMultipleRoots) return;
	const [root] = await listRoots(tx, org.id);
	if (root) {
		throw new AppError(
			'multiple_roots',
			`${reason}: ${root.name} is already at the top of ${org.name}, and it has room for only one person there.`
		);
	}
}

async function refuseTakenEmail(tx: Database, orgId: string, email: string, exceptId?: string): Promise<void> {
	const holder = await findByEmail(tx, orgId, email, exceptId);
	if (holder) throw new AppError('duplicate_email', `${holder.name} already uses the email ${holder.email}.`);
}
export { removePerson, type RemoveOutcome } from './remove-person';
