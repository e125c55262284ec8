/** Following an organization's changes live: the SSE stream behind GET /api/orgs/:org/events. */
import type { OrgChangeEvent } from '$lib/protocol';
import type { Database } from '../db';
import { latestChangeSeq } from '../db/changes';
import { sseResponse, type SseOptions } from '../runs/sse';
import { readChangeFeed } from './change-feed';
import type { OrgEventBus } from './org-events';

/**
 * Followers re-read on this timer too, so a change announced while the bus was unreachable (Redis
 * down or reconnecting) still arrives, only later.
 */
const SAFETY_POLL_MS = 5_000;

/**
 * Streams the changes after `afterSeq` (undefined: from now on) until the client goes away. The
 * database is the log: each wake-up reads what committed since the last event sent, so nothing is
 * missed or sent twice however the news of it arrives.
 */
export async function followOrgChanges(
	db: Database,
	bus: OrgEventBus,
	orgId: string,
	afterSeq: number | undefined,
	options: SseOptions = {}
): Promise<Response> {
	// Read before the stream opens, so a database failure is a JSON error rather than a broken stream.
	let last = afterSeq ?? (await latestChangeSeq(db, orgId));
	return sseResponse<OrgChangeEvent>(async (writer) => {
		let wake: () => void = () => {};
		let dirty = true;
		const unsubscribe = bus.subscribe(orgId, () => {
			dirty = true;
			wake();
		});
		const poll = setInterval(() => {
			dirty = true;
			wake();
		}, SAFETY_POLL_MS);
		const aborted = new Promise<void>((resolve) => writer.signal.addEventListener('abort', () => resolve(), { once: true }));
		try {
			while (!writer.signal.aborted) {
				if (!dirty) {
					await Promise.race([new Promise<void>((resolve) => (wake = resolve)), aborted]);
					continue;
				}
				dirty = false;
				let items;
				try {
					items = await readChangeFeed(db, orgId, last);
				} catch (error) {
					// The database is away: keep the stream open and try again on the next wake-up or poll.
					console.warn('[organichart] could not read org changes:', (error as Error).message);
					continue;
				}
				for (const item of items) {
					await writer.send(item.seq, item.event);
					last = item.seq;
				}
				// A full page means there may be more.
				if (items.length === 100) dirty = true;
			}
		} finally {
			clearInterval(poll);
			unsubscribe();
		}
	}, options);
}
