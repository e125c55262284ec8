/** The history of changes to people: listing operations newest first, and finding "my last change". */
import type { ChangeActor, ChangeSummary } from '$lib/protocol';
import type { Database } from '../db';
import { getChange, getChangeWithActor, listChanges, type ChangeQuery, type ChangeRow } from '../db/changes';
import { AppError } from '../errors';
import { isUuid } from '../ids';
import type { OrgContext } from './context';

export const DEFAULT_HISTORY_LIMIT = 50;
export const MAX_HISTORY_LIMIT = 200;

/** A stored change as the API shows it. */
export function toChangeSummary(change: ChangeRow, userName?: string | null): ChangeSummary {
	const actor: ChangeActor = { kind: change.actorKind };
	if (change.actorUserId) actor.userId = change.actorUserId;
	if (userName) actor.name = userName;
	if (change.actorTokenId) actor.tokenId = change.actorTokenId;
	if (change.conversationId) actor.conversationId = change.conversationId;
	if (change.runId) actor.runId = change.runId;
	return {
		id: change.id,
		at: change.at.toISOString(),
		actor,
		summary: change.summary,
		personIds: change.personIds,
		undoneBy: change.undoneBy,
		undoOf: change.undoOf
	};
}

/** One change as the API shows it. */
export async function readChange(db: Database, orgId: string, id: string): Promise<ChangeSummary> {
	const row = await getChangeWithActor(db, orgId, id);
	if (!row) throw new AppError('not_found', 'There is no change with that id in this organization.');
	return toChangeSummary(row.change, row.userName);
}

export type HistoryQuery = { personId?: string | null; limit?: string | number | null; before?: string | null };

/**
 * The organization's changes, newest first. `before` pages: a change id (changes made before it)
 * or an ISO time; `limit` is 1–200 (50 by default).
 */
export async function listHistory(db: Database, orgId: string, query: HistoryQuery): Promise<ChangeSummary[]> {
	const options: ChangeQuery = { limit: parseLimit(query.limit) };
	const personId = query.personId?.trim();
	if (personId) {
		if (!isUuid(personId)) throw new AppError('invalid_request', 'personId must be a person id.');
		options.personId = personId;
	}
	const before = query.before?.trim();
	if (before) {
		if (isUuid(before)) {
			const change = await getChange(db, orgId, before);
			if (!change) throw new AppError('not_found', 'There is no change with that id in this organization.');
			options.beforeSeq = change.seq;
		} else {
			const time = new Date(before);
			if (!/^\d{4}-\d{2}-\d{2}/.test(before) || Number.isNaN(time.getTime())) {
				throw new AppError('invalid_request', 'before must be a change id or an ISO time such as 2025-01-31T12:00:00Z.');
			}
			options.beforeTime = time;
		}
	}
	const rows = await listChanges(db, orgId, options);
	return rows.map((row) => toChangeSummary(row.change, row.userName));
}

function parseLimit(raw: string | number | null | undefined): number {
	if (raw === null || raw === undefined || raw === '') return DEFAULT_HISTORY_LIMIT;
	const limit = typeof raw === 'number' ? raw : Number(raw);
	if (!Number.isInteger(limit) || limit < 1 || limit > MAX_HISTORY_LIMIT) {
		throw new AppError('invalid_request', `limit must be a whole number from 1 to ${MAX_HISTORY_LIMIT}.`);
	}
	return limit;
}

/**
 * The latest change the actor made that is not undone and is not itself an undo: in the
 * assistant, the ones of this conversation; elsewhere, the ones of this user.
 */
export async function latestOwnChange(ctx: OrgContext): Promise<ChangeRow | undefined> {
	const { actor } = ctx;
	const mine: ChangeQuery = { limit: 1, excludeUndos: true, excludeUndone: true };
	if (actor.conversationId) mine.conversationId = actor.conversationId;
	else if (actor.userId) mine.actorUserId = actor.userId;
	else return undefined;
	const [row] = await listChanges(ctx.db, ctx.orgId, mine);
	return row?.change;
}
