/** Removing a person: their direct reports move first, to the person named or to the removed person's manager. */
import { AppError } from '../errors';
import type { Database } from '../db';
import { deletePersonRow, getPerson, listDirectReports, listDottedLineReports, listManagersOf, updatePersonRow, type PersonRow } from '../db/people';
import type { OrgContext } from './context';
import { changeIdOf, describeChange, inOrgTransaction, resolveManager, recordChange } from './org-transaction';
import { requirePerson } from './resolve';

export type RemoveOutcome = {
	removed: PersonRow;
	/** Who the direct reports now report to (null when there were none to move). */
	reassignedTo: PersonRow | null;
	/** The people who moved, as they are now. */
	reassigned: PersonRow[];
	/** The operation that recorded the removal. */
	changeId: string | null;
};

/** What a removal would do: who goes, whose reports move, and to whom. */
export type RemovalPlan = {
	person: PersonRow;
	/** Their direct reports, who move to `heir`. */
	reports: PersonRow[];
	/** Who takes the reports: the person named, else the removed person's manager (null at the top). */
	heir: PersonRow | null;
};

/**
 * Works out a removal without writing, refusing it the way the removal itself would (the same
 * checks; a preview and the change cannot disagree). `db` may be a transaction.
 */
export async function planRemoval(db: Database, ctx: OrgContext, ref: string, reassignReportsTo?: string | null): Promise<RemovalPlan> {
	const person = await requirePerson(db, ctx.orgId, ref);
	const reports = await listDirectReports(db, ctx.orgId, person.id);
	const target = reassignReportsTo ? await resolveManager(db, ctx, reassignReportsTo) : null;
	if (target?.id === person.id) {
		throw new AppError('invalid_arguments', `${person.name}'s reports cannot be reassigned to ${person.name}, who is being removed.`);
	}
	const heir = target ?? (person.managerId ? ((await getPerson(db, ctx.orgId, person.managerId)) ?? null) : null);
	if (reports.length > 0 && !heir) {
		throw new AppError(
			'invalid_arguments',
			`${person.name} is at the top of the chart and has ${reports.length} direct report(s). Say who they should report to instead (reassignReportsTo).`
		);
	}
	if (target && target.managerId !== person.id && (await listManagersOf(db, target)).some((boss) => boss.id === person.id)) {
		throw new AppError(
			'cycle',
			`${target.name} reports up through ${person.name}, so ${person.name}'s team cannot be moved under them. Choose one of ${person.name}'s direct reports or someone outside the team.`
		);
	}
	return { person, reports, heir };
}

/**
 * Removes a person. With `reassignReportsTo` naming one of their own direct reports, that report
 * takes their place and the others report to them. The top person can only go when someone
 * is named to take over their reports.
 */
export async function removePerson(ctx: OrgContext, ref: string, reassignReportsTo?: string | null): Promise<RemoveOutcome> {
	return inOrgTransaction(ctx, async (tx) => {
		const { person, reports, heir } = await planRemoval(tx, ctx, ref, reassignReportsTo);
		const reassigned = heir ? await handOverReports(tx, ctx, reports, heir, person.managerId) : [];
		// Nobody keeps a dotted line to someone who left; dropping it is part of the same operation.
		for (const dotted of await listDottedLineReports(tx, ctx.orgId, person.id)) {
			const current = reassigned.find((moved) => moved.id === dotted.id) ?? dotted;
			const after = await updatePersonRow(tx, dotted.id, {
				dottedLineManagerIds: current.dottedLineManagerIds.filter((id) => id !== person.id)
			});
			await recordChange(tx, ctx, 'update', current, after);
		}
		await deletePersonRow(tx, person.id);
		await recordChange(tx, ctx, 'delete', person, null);
		const heirNow = reassigned.find((moved) => moved.id === heir?.id) ?? heir;
		const moves = reports.length > 0 && heirNow ? `; ${reports.length} ${reports.length === 1 ? 'report moves' : 'reports move'} to ${heirNow.name}` : '';
		describeChange(tx, `Remove ${person.name} (${person.title})${moves}`);
		return { removed: person, reassignedTo: reports.length > 0 ? heirNow : null, reassigned, changeId: changeIdOf(tx) };
	});
}

/** Moves each report under the heir; the heir, if one of them, takes the removed person's manager. */
async function handOverReports(
	tx: Database,
	ctx: OrgContext,
	reports: PersonRow[],
	heir: PersonRow,
	removedManagerId: string | null
): Promise<PersonRow[]> {
	const moved: PersonRow[] = [];
	for (const report of reports) {
		const managerId = report.id === heir.id ? removedManagerId : heir.id;
		const after = await updatePersonRow(tx, report.id, { managerId });
		await recordChange(tx, ctx, 'move', report, after);
		moved.push(after);
	}
	return moved;
}
