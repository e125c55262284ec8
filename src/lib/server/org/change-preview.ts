/**
 * What a change to people would do, worked out without writing: how many people it removes or
 * moves (for the approval policy) and one plain-English sentence the user approves or declines.
 * Each preview runs the same checks as the change, so a refused change is refused here too.
 */
import { getPerson, type PersonRow } from '../db/people';
import type { OrgContext } from './context';
import { resolveManager } from './org-transaction';
import { refuseCycle } from './people-service';
import { planRemoval } from './remove-person';
import { requirePerson } from './resolve';

export type ChangeImpact = {
	/** One sentence: "Remove Priya Patel (VP of People); their 3 direct reports move to Margaret Chen (CEO)." */
	summary: string;
	/** People who would leave the organization. */
	removed: number;
	/** People already in the organization whose manager would change. */
	managerChanges: number;
};

const label = (person: PersonRow) => `${person.name} (${person.title})`;

/** Adding a person moves nobody who is already there. */
export async function previewAdd(
	ctx: OrgContext,
	input: { name: string; title: string; manager?: string | null }
): Promise<ChangeImpact> {
	const manager = input.manager ? await resolveManager(ctx.db, ctx, input.manager) : null;
	const where = manager ? `, reporting to ${label(manager)}` : ' at the top of the chart';
	return { summary: `Add ${input.name} as ${input.title}${where}.`, removed: 0, managerChanges: 0 };
}

/** Editing fields moves nobody. */
export async function previewUpdate(
	ctx: OrgContext,
	ref: string,
	changes: Record<string, string | boolean | string[] | undefined>
): Promise<ChangeImpact> {
	const person = await requirePerson(ctx.db, ctx.orgId, ref);
	const edits = Object.entries(changes)
		.filter((entry): entry is [string, string | boolean | string[]] => entry[1] !== undefined)
		.map(([field, value]) => {
			if (typeof value === 'boolean') return field === 'vacancy' ? (value ? 'make it an open role' : 'mark the role as filled') : `set their ${field} to ${value}`;
			if (Array.isArray(value)) return value.length === 0 ? `clear their ${field}` : `set their ${field} to ${value.map((item) => `"${item}"`).join(', ')}`;
			return value.trim() === '' ? `clear their ${field}` : `set their ${field} to "${value.trim()}"`;
		});
	return { summary: `Update ${label(person)}: ${edits.join(', ')}.`, removed: 0, managerChanges: 0 };
}

/** A move changes one person's manager (their own reports stay with them); refuses a cycle as the move would. */
export async function previewMove(ctx: OrgContext, ref: string, newManagerRef: string): Promise<ChangeImpact> {
	const person = await requirePerson(ctx.db, ctx.orgId, ref);
	const newManager = await resolveManager(ctx.db, ctx, newManagerRef);
	if (newManager.id === person.managerId) {
		return { summary: `${label(person)} already reports to ${label(newManager)}; nothing changes.`, removed: 0, managerChanges: 0 };
	}
	await refuseCycle(ctx.db, person, newManager);
	const oldManager = person.managerId ? await getPerson(ctx.db, ctx.orgId, person.managerId) : undefined;
	const instead = oldManager ? ` instead of ${label(oldManager)}` : '';
	return { summary: `Move ${label(person)} to report to ${label(newManager)}${instead}.`, removed: 0, managerChanges: 1 };
}

/** A removal takes one person out and moves each of their direct reports. */
export async function previewRemove(ctx: OrgContext, ref: string, reassignReportsTo?: string | null): Promise<ChangeImpact> {
	const { person, reports, heir } = await planRemoval(ctx.db, ctx, ref, reassignReportsTo);
	return { summary: removalSentence(person, reports, heir), removed: 1, managerChanges: reports.length };
}

function removalSentence(person: PersonRow, reports: PersonRow[], heir: PersonRow | null): string {
	const removal = `Remove ${label(person)}`;
	if (reports.length === 0 || !heir) return `${removal}; they have no direct reports.`;
	const count = (n: number, what = 'direct report') => `${n} ${what}${n === 1 ? '' : 's'}`;
	if (reports.some((report) => report.id === heir.id)) {
		const others = reports.length - 1;
		const rest = others > 0 ? `, and their other ${count(others)} ${others === 1 ? 'moves' : 'move'} to ${heir.name}` : '';
		return `${removal}; ${label(heir)} takes their place${rest}.`;
	}
	return `${removal}; their ${count(reports.length)} ${reports.length === 1 ? 'moves' : 'move'} to ${label(heir)}.`;
}
