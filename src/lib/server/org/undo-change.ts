/**
 * Undo: reverting one operation as a new operation. It is refused (409 conflict, nothing written)
 * when a person it touched is no longer as the operation left them — a later change that has not
 * itself been undone — or when putting things back would break a rule (a cycle, a taken email, a
 * manager who is gone, a second top person).
 */
import type { Person } from '$lib/protocol';
import type { Database } from '../db';
import { getChange, listChangeEntries, listChanges, type ChangeRow } from '../db/changes';
import type { OrganizationRow } from '../db/organizations';
import {
	deletePersonRow,
	findByEmail,
	getPerson,
	insertPerson,
	listDirectReports,
	listDottedLineReports,
	listManagersOf,
	listPeopleByIds,
	listRoots,
	toPerson,
	updatePersonRow,
	type PersonRow
} from '../db/people';
import { AppError } from '../errors';
import { isUuid } from '../ids';
import type { OrgContext } from './context';
import type { ChangeImpact } from './change-preview';
import { changeIdOf, describeChange, inOrgTransaction, recordChange } from './org-transaction';

/** What an undo puts back, per person: their state before the operation (null: they did not exist). */
type UndoPlan = {
	change: ChangeRow;
	targets: Map<string, Person | null>;
	/** Each touched person as they are now (absent: not in the organization now). */
	current: Map<string, PersonRow>;
};

const conflict = (message: string) => new AppError('conflict', message);

/** The fields undo writes back. */
function storedFields(person: Person) {
	return {
		name: person.name,
		title: person.title,
		department: person.department,
		email: person.email,
		location: person.location,
		managerId: person.managerId,
		startDate: person.startDate ?? null,
		photoUrl: person.photoUrl ?? null,
		vacancy: person.vacancy ?? false,
		dottedLineManagerIds: person.dottedLineManagerIds ?? []
	};
}

const sameState = (a: Person, b: Person) => JSON.stringify(storedFields(a)) === JSON.stringify(storedFields(b));

/** Works out an undo and refuses it when later changes conflict; writes nothing. */
async function planUndo(db: Database, ctx: OrgContext, changeId: string, lock: boolean): Promise<UndoPlan> {
	if (!isUuid(changeId.trim())) throw new AppError('not_found', 'There is no change with that id in this organization.');
	const change = await getChange(db, ctx.orgId, changeId.trim(), lock);
	if (!change) throw new AppError('not_found', 'There is no change with that id in this organization.');
	if (change.undoneBy) throw conflict(`"${change.summary}" has already been undone.`);
	const entries = await listChangeEntries(db, change.id);
	if (entries.length === 0) throw conflict(`"${change.summary}" has no recorded before and after to go back to.`);
	const targets = new Map<string, Person | null>();
	const results = new Map<string, Person | null>();
	for (const entry of entries) {
		if (!targets.has(entry.personId)) targets.set(entry.personId, (entry.before as Person | null) ?? null);
		results.set(entry.personId, (entry.after as Person | null) ?? null);
	}
	const byId = new Map((await listPeopleByIds(db, ctx.orgId, [...results.keys()])).map((person) => [person.id, person]));
	const current = new Map<string, PersonRow>();
	for (const [personId, result] of results) {
		const now = byId.get(personId);
		if (now) current.set(personId, now);
		const stillAsLeft = result === null ? !now : now !== undefined && sameState(toPerson(now), result);
		if (!stillAsLeft) throw conflict(await laterChangeMessage(db, ctx, change, personId, now, result));
	}
	return { change, targets, current };
}

/** Why a person is no longer as the operation left them, naming the later change when there is one. */
async function laterChangeMessage(db: Database, ctx: OrgContext, change: ChangeRow, personId: string, now: PersonRow | undefined, result: Person | null) {
	const name = now?.name ?? result?.name ?? 'Someone';
	const [later] = await listChanges(db, ctx.orgId, { personId, limit: 1, excludeUndone: true });
	const by = later && later.change.seq > change.seq ? ` by "${later.change.summary}"` : '';
	const what = !now ? 'was removed' : result === null ? 'was added back' : 'was changed again';
	return `Cannot undo "${change.summary}": ${name} ${what} afterwards${by}. Undo that change first.`;
}

/** What an undo would do, for the approval policy and the user: removals and manager changes it makes. */
export async function previewUndo(ctx: OrgContext, changeId: string): Promise<ChangeImpact> {
	const plan = await planUndo(ctx.db, ctx, changeId, false);
	let removed = 0;
	let managerChanges = 0;
	for (const [personId, target] of plan.targets) {
		const now = plan.current.get(personId);
		if (!target) removed++;
		else if (now && now.managerId !== target.managerId) managerChanges++;
	}
	// Putting one person back as they were is as small as the change itself.
	if (plan.targets.size === 1) removed = 0;
	return { summary: `Undo "${plan.change.summary}".`, removed, managerChanges };
}

/** Reverts an operation as a new one ("Undo: …"), all or nothing. */
export async function undoChange(ctx: OrgContext, changeId: string): Promise<{ undone: ChangeRow; changeId: string }> {
	return inOrgTransaction(ctx, async (tx, org) => {
		const plan = await planUndo(tx, ctx, changeId, true);
		await checkRules(tx, ctx, org, plan);
		await revert(tx, ctx, plan);
		describeChange(tx, `Undo: ${plan.change.summary}`, { undoOf: plan.change.id });
		const id = changeIdOf(tx);
		if (!id) throw new Error('An undo that reverted nobody.');
		return { undone: plan.change, changeId: id };
	});
}

type AfterState = Pick<PersonRow, 'id' | 'name' | 'managerId' | 'dottedLineManagerIds'>;

/**
 * Refuses an undo whose result would break a rule of the organization. It reads only the people
 * the rules reach from the ones it touches: their reports, managers and chains, and the roots.
 */
async function checkRules(tx: Database, ctx: OrgContext, org: OrganizationRow, plan: UndoPlan): Promise<void> {
	const refuse = (reason: string) => conflict(`Cannot undo "${plan.change.summary}": ${reason}`);
	const leaving = new Set([...plan.targets].filter(([, target]) => target === null).map(([id]) => id));
	// The touched people as the undo would leave them; everyone else stays as stored.
	const after = new Map<string, AfterState>();
	for (const [personId, target] of plan.targets) if (target) after.set(personId, { ...storedFields(target), id: personId });
	const untouched = (person: PersonRow) => !plan.targets.has(person.id);

	for (const personId of leaving) {
		const name = plan.current.get(personId)?.name ?? 'They';
		const report =
			[...after.values()].find((person) => person.managerId === personId) ??
			(await listDirectReports(tx, ctx.orgId, personId)).find(untouched);
		if (report) throw refuse(`${report.name} reports to ${name} now, so ${name} cannot be removed.`);
		const dotted =
			[...after.values()].find((person) => person.dottedLineManagerIds.includes(personId)) ??
			(await listDottedLineReports(tx, ctx.orgId, personId)).find(untouched);
		if (dotted) throw refuse(`${dotted.name} has a dotted line to ${name} now.`);
	}
	const referenced = [...after.values()].flatMap((person) => [...(person.managerId ? [person.managerId] : []), ...person.dottedLineManagerIds]);
	const stored = new Set((await listPeopleByIds(tx, ctx.orgId, referenced)).map((person) => person.id));
	const present = (id: string) => after.has(id) || (stored.has(id) && !leaving.has(id));
	for (const [personId, target] of plan.targets) {
		if (!target) continue;
		if (target.managerId && !present(target.managerId)) throw refuse(`${target.name}'s manager then is no longer in the organization.`);
		if ((target.dottedLineManagerIds ?? []).some((id) => !present(id))) {
			throw refuse(`one of ${target.name}'s dotted-line managers is no longer in the organization.`);
		}
		if (await leadsToLoop(tx, ctx.orgId, personId, after, leaving)) {
			throw refuse(`putting ${target.name} back under their manager would make a reporting cycle.`);
		}
		if (target.email) {
			const holder = await findByEmail(tx, ctx.orgId, target.email, personId);
			if (holder && !leaving.has(holder.id) && !plan.targets.has(holder.id)) throw refuse(`${holder.name} uses the email ${target.email} now.`);
		}
	}
	const roots = (await listRoots(tx, ctx.orgId)).filter(untouched).length + [...after.values()].filter((person) => !person.managerId).length;
	if (!org.allowMultipleRoots && roots > 1) throw refuse(`it would leave more than one person at the top of ${org.name}.`);
}

/** Whether walking up from a person, through the undone state of the touched people and the stored chain of the others, comes back round. */
async function leadsToLoop(tx: Database, orgId: string, personId: string, after: Map<string, AfterState>, leaving: Set<string>): Promise<boolean> {
	const seen = new Set<string>();
	for (let id: string | null = personId; id; ) {
		if (seen.has(id)) return true;
		seen.add(id);
		const changed = after.get(id);
		if (changed || leaving.has(id)) {
			id = changed?.managerId ?? null;
			continue;
		}
		const row = await getPerson(tx, orgId, id);
		if (!row) return false;
		// Stored and untouched from here up, until the chain meets a touched person.
		id = row.managerId;
		for (const manager of await listManagersOf(tx, row)) {
			if (manager.id !== id || after.has(manager.id) || leaving.has(manager.id)) break;
			if (seen.has(manager.id)) return true;
			seen.add(manager.id);
			id = manager.managerId;
		}
	}
	return false;
}

/** Writes everyone back: the removed first (without a manager, which may be one of them), then every field, then the added leave. */
async function revert(tx: Database, ctx: OrgContext, plan: UndoPlan): Promise<void> {
	const restoredIds = new Set<string>();
	for (const [personId, target] of plan.targets) {
		if (!target || plan.current.has(personId)) continue;
		const restored = await insertPerson(tx, { ...storedFields(target), managerId: null, id: personId, organizationId: ctx.orgId });
		plan.current.set(personId, restored);
		restoredIds.add(personId);
	}
	for (const [personId, target] of plan.targets) {
		if (!target) continue;
		const before = plan.current.get(personId);
		if (!before) continue;
		const after = await updatePersonRow(tx, personId, storedFields(target));
		if (restoredIds.has(personId)) await recordChange(tx, ctx, 'create', null, after);
		else await recordChange(tx, ctx, before.managerId !== after.managerId ? 'move' : 'update', before, after);
	}
	// Reports before their managers (the reverse of the order they were added in), so no one is left pointing at someone gone.
	for (const [personId, target] of [...plan.targets].reverse()) {
		if (target) continue;
		const before = plan.current.get(personId);
		if (!before) continue;
		await deletePersonRow(tx, personId);
		await recordChange(tx, ctx, 'delete', before, null);
	}
}
