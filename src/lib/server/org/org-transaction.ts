/** The frame every change to people runs in: one transaction, serialized per organization, audited. */
import type { z } from 'zod';
import { AppError } from '../errors';
import type { Database } from '../db';
import { insertAuditEntry, type AuditEntry } from '../db/audit';
import { selectOrganizationById, type OrganizationRow } from '../db/organizations';
import { getPersonAnywhere, lockOrganizationPeople, toPerson, type PersonRow } from '../db/people';
import type { Actor, OrgContext } from './context';
import { isUuid } from '../ids';
import { requirePerson } from './resolve';

export const EMAIL_INDEX = 'people_org_email_unique';

/**
 * Runs `work` in a transaction holding the organization's lock: everything it writes commits
 * together or not at all. A race past the email check still ends as duplicate_email.
 */
export async function inOrgTransaction<T>(
	ctx: OrgContext,
	work: (tx: Database, org: OrganizationRow) => Promise<T>
): Promise<T> {
	try {
		return await ctx.db.transaction(async (tx) => {
			await lockOrganizationPeople(tx, ctx.orgId);
			const org = await selectOrganizationById(tx, ctx.orgId);
			if (!org) throw new AppError('not_found', 'This organization does not exist.');
			return work(tx, org);
		});
	} catch (error) {
		if (isUniqueViolation(error, EMAIL_INDEX)) {
			throw new AppError('duplicate_email', 'Someone in this organization already has that email address.', {
				cause: error
			});
		}
		throw error;
	}
}

/** Whether the error (or one of its causes) is a unique violation of this index. */
export function isUniqueViolation(error: unknown, index: string): boolean {
	for (let current = error, hops = 0; current && hops < 5; hops++) {
		if (typeof current !== 'object') return false;
		const { code, constraint, cause } = current as { code?: unknown; constraint?: unknown; cause?: unknown };
		if (code === '23505' && constraint === index) return true;
		current = cause;
	}
	return false;
}

/** Parses input with a schema; a failure is invalid_arguments naming each problem. */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.infer<Schema> {
	const parsed = schema.safeParse(input);
	if (parsed.success) return parsed.data;
	const problems = parsed.error.issues.map((issue) =>
		issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message
	);
	throw new AppError('invalid_arguments', problems.join('; '), { cause: parsed.error });
}

/**
 * The person a manager reference names. An id from another organization is refused as
 * cross_org rather than "not found", so the caller learns why.
 */
export async function resolveManager(tx: Database, ctx: OrgContext, ref: string): Promise<PersonRow> {
	if (isUuid(ref.trim())) {
		const elsewhere = await getPersonAnywhere(tx, ref.trim());
		if (elsewhere && elsewhere.organizationId !== ctx.orgId) {
			throw new AppError('cross_org', 'That manager belongs to another organization; a manager must be in the same one.');
		}
	}
	const manager = await requirePerson(tx, ctx.orgId, ref);
	if (manager.organizationId !== ctx.orgId) {
		throw new AppError('cross_org', 'A manager must be in the same organization.');
	}
	return manager;
}

/** Records one change with the acting user, API client or assistant run. */
export async function recordChange(
	tx: Database,
	ctx: OrgContext,
	action: 'create' | 'update' | 'move' | 'delete',
	before: PersonRow | null,
	after: PersonRow | null
): Promise<void> {
	const personId = (after ?? before)?.id;
	if (!personId) throw new Error('An audit entry needs a person.');
	await insertAuditEntry(tx, {
		organizationId: ctx.orgId,
		personId,
		action,
		...auditActor(ctx.actor),
		before: before ? toPerson(before) : null,
		after: after ? toPerson(after) : null
	});
}

/** The audit columns for an actor; the stored kinds predate accounts, so a token is recorded as "api". */
function auditActor(actor: Actor): Pick<AuditEntry, 'actorKind' | 'actorId' | 'runId'> {
	const actorKind = actor.kind === 'token' ? 'api' : actor.kind;
	const actorId = (actor.kind === 'token' ? actor.tokenId : actor.userId) ?? null;
	return { actorKind, actorId, runId: actor.runId ?? null };
}
