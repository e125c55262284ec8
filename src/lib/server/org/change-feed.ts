/** Reading an organization's committed changes as live-stream events (GET /api/orgs/:org/events). */
import type { OrgChangeEvent, Person } from '$lib/protocol';
import type { Database } from '../db';
import { listChangesAfter, listEntriesOfChanges } from '../db/changes';
import { toChangeSummary } from './history';

export type FeedItem = { seq: number; event: OrgChangeEvent };

/** A change of more people than this (a large import) is sent without them: the page reloads instead. */
export const MAX_EVENT_PEOPLE = 500;

/** The changes after `afterSeq`, oldest first, each with its people as they are after it. */
export async function readChangeFeed(db: Database, orgId: string, afterSeq: number, limit = 100): Promise<FeedItem[]> {
	const rows = await listChangesAfter(db, orgId, afterSeq, limit);
	const small = rows.filter((row) => row.change.personIds.length <= MAX_EVENT_PEOPLE);
	const entries = await listEntriesOfChanges(db, small.map((row) => row.change.id));
	const peopleByChange = new Map<string, Map<string, Person | null>>();
	for (const entry of entries) {
		if (!entry.changeId) continue;
		const people = peopleByChange.get(entry.changeId) ?? new Map<string, Person | null>();
		// The last entry for a person is their state after the whole operation.
		people.set(entry.personId, (entry.after as Person | null) ?? null);
		peopleByChange.set(entry.changeId, people);
	}
	return rows.map(({ change, userName }) => ({
		seq: change.seq,
		event: {
			type: 'change',
			...toChangeSummary(change, userName),
			people: [...(peopleByChange.get(change.id) ?? new Map()).entries()].map(([id, person]) => ({ id, person })),
			...(change.personIds.length > MAX_EVENT_PEOPLE && { peopleOmitted: true as const })
		}
	}));
}
