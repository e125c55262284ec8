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
	getPerson,
	insertPerson,
	listManagersOf,
	listRoots,
	updatePersonRow,
	type PersonFieldChanges,
	type PersonRow
} from '../db/people';
import type { OrgContext } from './context';
import { changeIdOf, describeChange, inOrgTransaction, parseInput, recordChange, resolveManager } from './org-transaction';
import {
	blankToNull,
	newPersonSchema,
	OPEN_ROLE_NAME,
	personChangesSchema,
	type NewPerson,
	type PersonChanges
} from './person-fields';
import { requirePerson } from './resolve';

/** `changeId`: the operation that recorded the change; null when nothing changed. */
export type Recorded = { changeId: string | null };

/** Adds a person; without a department they take their manager's. An open role (`vacancy`) may go without a name. */
export async function createPerson(
	ctx: OrgContext,
	input: NewPerson
): Promise<{ person: PersonRow; manager: PersonRow | null } & Recorded> {
	const fields = parseInput(newPersonSchema, input);
	const vacancy = fields.vacancy ?? false;
	const name = fields.name || (vacancy ? OPEN_ROLE_NAME : undefined);
	if (!name) {
		const problem = fields.name === undefined ? 'is required' : 'cannot be empty';
		throw new AppError('invalid_arguments', `name: The name ${problem} (only an open role, with vacancy: true, may go without one).`);
	}
	return inOrgTransaction(ctx, async (tx, org) => {
		const manager = fields.manager ? await resolveManager(tx, ctx, fields.manager) : null;
		if (!manager) await refuseSecondRoot(tx, org, `${name} needs a manager`);
		const email = blankToNull(fields.email) ?? null;
		if (email) await refuseTakenEmail(tx, ctx.orgId, email);
		const dottedLineManagerIds = fields.dottedLineManagerIds ? await resolveDottedLines(tx, ctx, fields.dottedLineManagerIds, null) : [];
		const person = await insertPerson(tx, {
			organizationId: ctx.orgId,
			name,
			title: fields.title,
			vacancy,
			dottedLineManagerIds,
			department: blankToNull(fields.department) ?? manager?.department ?? null,
			email,
			location: blankToNull(fields.location) ?? null,
			startDate: blankToNull(fields.startDate) ?? null,
			photoUrl: blankToNull(fields.photoUrl) ?? null,
			managerId: manager?.id ?? null
		});
		await recordChange(tx, ctx, 'create', null, person);
		const what = vacancy ? `an open ${person.title} role` : `${person.name} (${person.title})`;
		describeChange(tx, `Add ${what}${manager ? ` under ${manager.name}` : ' at the top of the chart'}`);
		return { person, manager, changeId: changeIdOf(tx) };
	});
}

export type UpdateOutcome = { person: PersonRow; before: PersonRow; changed: string[] };

/** Edits a person's fields; fields equal to the stored ones are not counted as changes. */
export async function updatePerson(ctx: OrgContext, ref: string, changes: PersonChanges): Promise<UpdateOutcome & Recorded> {
	const fields = parseInput(personChangesSchema, changes);
	return inOrgTransaction(ctx, async (tx) => {
		const outcome = await applyUpdate(tx, ctx, await requirePerson(tx, ctx.orgId, ref), fields);
		return { ...outcome, changeId: changeIdOf(tx) };
	});
}

export type MoveOutcome = { person: PersonRow; oldManager: PersonRow | null; newManager: PersonRow | null };

/** Gives a person a new manager (null: the top of the chart); refuses cycles. */
export async function movePerson(ctx: OrgContext, ref: string, newManagerRef: string | null): Promise<MoveOutcome & Recorded> {
	return inOrgTransaction(ctx, async (tx, org) => {
		const person = await requirePerson(tx, ctx.orgId, ref);
		const outcome = await applyMove(tx, ctx, org, person, newManagerRef);
		return { ...outcome, changeId: changeIdOf(tx) };
	});
}

/** Field edits and a manager change together, all or nothing (the REST PATCH). */
export async function editPerson(
	ctx: OrgContext,
	ref: string,
	edit: { changes: PersonChanges; manager?: string | null }
): Promise<{ person: PersonRow } & Recorded> {
	const fields = parseInput(personChangesSchema, edit.changes);
	return inOrgTransaction(ctx, async (tx, org) => {
		const update = await applyUpdate(tx, ctx, await requirePerson(tx, ctx.orgId, ref), fields);
		let person = update.person;
		if (edit.manager !== undefined) {
			const move = await applyMove(tx, ctx, org, person, edit.manager);
			person = move.person;
			if (update.changed.length > 0 && move.person !== update.person) {
				describeChange(tx, `${editSummary(update.before, update.changed)}; move to ${move.newManager?.name ?? 'the top of the chart'}`);
			}
		}
		return { person, changeId: changeIdOf(tx) };
	});
}

const editSummary = (before: PersonRow, changed: string[]) => `Edit ${before.name}: ${changed.join(', ')}`;

async function applyUpdate(tx: Database, ctx: OrgContext, before: PersonRow, fields: PersonChanges): Promise<UpdateOutcome> {
	const changes: PersonFieldChanges = {};
	const { vacancy, dottedLineManagerIds, ...textFields } = fields;
	for (const key of Object.keys(textFields) as (keyof typeof textFields)[]) {
		const value = textFields[key];
		if (value === undefined) continue;
		const next = key === 'name' || key === 'title' ? value : blankToNull(value);
		if (next !== before[key]) Object.assign(changes, { [key]: next });
	}
	if (vacancy !== undefined && vacancy !== before.vacancy) {
		changes.vacancy = vacancy;
		// An opened role has nobody in it: unless a name is given, it is called what open roles are.
		if (vacancy && textFields.name === undefined && before.name !== OPEN_ROLE_NAME) changes.name = OPEN_ROLE_NAME;
	}
	if (dottedLineManagerIds !== undefined) {
		const ids = await resolveDottedLines(tx, ctx, dottedLineManagerIds, before);
		if (ids.join() !== before.dottedLineManagerIds.join()) changes.dottedLineManagerIds = ids;
	}
	const changed = Object.keys(changes);
	if (changed.length === 0) return { person: before, before, changed };
	if (changes.email) await refuseTakenEmail(tx, ctx.orgId, changes.email, before.id);
	const person = await updatePersonRow(tx, before.id, changes);
	await recordChange(tx, ctx, 'update', before, person);
	describeChange(tx, editSummary(before, changed));
	return { person, before, changed };
}

/**
 * The ids of a person's dotted-line managers: each in the same organization (cross_org otherwise),
 * not the person themselves, none twice.
 */
async function resolveDottedLines(tx: Database, ctx: OrgContext, refs: string[], self: PersonRow | null): Promise<string[]> {
	const ids: string[] = [];
	for (const ref of refs) {
		const manager = await resolveManager(tx, ctx, ref);
		if (self && manager.id === self.id) {
			throw new AppError('invalid_arguments', `dottedLineManagerIds: ${self.name} cannot be their own dotted-line manager.`);
		}
		if (ids.includes(manager.id)) {
			throw new AppError('invalid_arguments', `dottedLineManagerIds: ${manager.name} is named twice.`);
		}
		ids.push(manager.id);
	}
	return ids;
}

async function applyMove(
	tx: Database,
	ctx: OrgContext,
	org: OrganizationRow,
	person: PersonRow,
	newManagerRef: string | null
): Promise<MoveOutcome> {
	const newManager = newManagerRef ? await resolveManager(tx, ctx, newManagerRef) : null;
	const oldManager = person.managerId ? ((await getPerson(tx, ctx.orgId, person.managerId)) ?? null) : null;
	if ((newManager?.id ?? null) === person.managerId) return { person, oldManager, newManager };
	if (newManager) await refuseCycle(tx, person, newManager);
	else await refuseSecondRoot(tx, org, `${person.name} needs a manager`);
	const moved = await updatePersonRow(tx, person.id, { managerId: newManager?.id ?? null });
	await recordChange(tx, ctx, 'move', person, moved);
	describeChange(tx, `Move ${person.name} to ${newManager?.name ?? 'the top of the chart'}`);
	return { person: moved, oldManager, newManager };
}

/** Refuses a move that would make someone manage themselves, directly or through others (reads the new manager's chain only). */
export async function refuseCycle(db: Database, person: PersonRow, newManager: PersonRow): Promise<void> {
	if (newManager.id === person.id) throw new AppError('cycle', `${person.name} cannot be their own manager.`);
	const chain = await listManagersOf(db, newManager);
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
