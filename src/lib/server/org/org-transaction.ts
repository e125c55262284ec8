/**
 * The frame every change to people runs in: one transaction, serialized per organization, and
 * recorded as one operation (a `changes` row) whose per-person before/after entries commit with it.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { AppError } from '../errors';
import type { Database } from '../db';
import { insertAuditEntries, type AuditEntry } from '../db/audit';
import { insertChange, markUndone } from '../db/changes';
import { selectOrganizationById, type OrganizationRow } from '../db/organizations';
import { getPersonAnywhere, lockOrganizationPeople, toPerson, type PersonRow } from '../db/people';
import type { Actor, OrgContext } from './context';
import { isUuid } from '../ids';
import { announceChange } from './org-events';
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
	let changed = false;
	try {
		const result = await ctx.db.transaction(async (tx) => {
			await lockOrganizationPeople(tx, ctx.orgId);
			const org = await selectOrganizationById(tx, ctx.orgId);
			if (!org) throw new AppError('not_found', 'This organization does not exist.');
			const pending: PendingChange = { id: randomUUID(), summary: null, undoOf: null, entries: [] };
			pendingChanges.set(tx, pending);
			const result = await work(tx, org);
			await commitChange(tx, ctx, pending);
			changed = pending.entries.length > 0;
			return result;
		});
		// Only once it committed: open pages then read it from the database.
		if (changed) announceChange(ctx.orgId);
		return result;
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

type AuditAction = 'create' | 'update' | 'move' | 'delete';

/** The operation a transaction is building: its id is known up front so results can carry it. */
type PendingChange = {
	id: string;
	summary: string | null;
	undoOf: string | null;
	entries: { personId: string; action: AuditAction; before: unknown; after: unknown }[];
};

// Keyed by the transaction, so the services keep passing only `tx` down to the helpers that record.
const pendingChanges = new WeakMap<Database, PendingChange>();

function pendingChange(tx: Database): PendingChange {
	const pending = pendingChanges.get(tx);
	if (!pending) throw new Error('Changes to people must run inside inOrgTransaction.');
	return pending;
}

/** Records one person's before and after as part of the transaction's operation. */
export async function recordChange(
	tx: Database,
	_ctx: OrgContext,
	action: AuditAction,
	before: PersonRow | null,
	after: PersonRow | null
): Promise<void> {
	const personId = (after ?? before)?.id;
	if (!personId) throw new Error('An audit entry needs a person.');
	pendingChange(tx).entries.push({
		personId,
		action,
		before: before ? toPerson(before) : null,
		after: after ? toPerson(after) : null
	});
}

/** Says what the transaction's operation did, in one line for the history ("Move Raj Mehta to Jane Smith"). */
export function describeChange(tx: Database, summary: string, options: { undoOf?: string } = {}): void {
	const pending = pendingChange(tx);
	pending.summary = summary;
	pending.undoOf = options.undoOf ?? null;
}

/** The id of the transaction's operation, or null while it has changed nobody (a no-op edit records nothing). */
export function changeIdOf(tx: Database): string | null {
	const pending = pendingChange(tx);
	return pending.entries.length > 0 ? pending.id : null;
}

/** Writes the operation and its entries, when it changed anyone. */
async function commitChange(tx: Database, ctx: OrgContext, pending: PendingChange): Promise<void> {
	pendingChanges.delete(tx);
	if (pending.entries.length === 0) return;
	const { actor } = ctx;
	const personIds = [...new Set(pending.entries.map((entry) => entry.personId))];
	await insertChange(tx, {
		id: pending.id,
		organizationId: ctx.orgId,
		actorKind: actor.kind,
		actorUserId: actor.userId ?? null,
		actorTokenId: actor.tokenId ?? null,
		conversationId: actor.conversationId ?? null,
		runId: actor.runId ?? null,
		summary: pending.summary ?? `Change ${personIds.length} ${personIds.length === 1 ? 'person' : 'people'}`,
		personIds,
		undoOf: pending.undoOf
	});
	if (pending.undoOf) await markUndone(tx, pending.undoOf, pending.id);
	const columns = { organizationId: ctx.orgId, ...auditActor(actor), changeId: pending.id };
	await insertAuditEntries(tx, pending.entries.map((entry) => ({ ...columns, ...entry })));
}

/** The audit columns for an actor; the stored kinds predate accounts, so a token is recorded as "api". */
function auditActor(actor: Actor): Pick<AuditEntry, 'actorKind' | 'actorId' | 'runId'> {
	const actorKind = actor.kind === 'token' ? 'api' : actor.kind;
	const actorId = (actor.kind === 'token' ? actor.tokenId : actor.userId) ?? null;
	return { actorKind, actorId, runId: actor.runId ?? null };
}
