/**
 * Retention of finished runs' events (`RUN_EVENTS_RETENTION_H`): a periodic sweep deletes them from
 * the database once they are older than that; the answers themselves stay as messages. The live
 * logs (memory, Redis) expire on their own, never later than this.
 */
import type { Database } from '../db';
import { pruneRunEvents } from '../db/runs';

const MIN_SWEEP_MS = 1_000;
const MAX_SWEEP_MS = 15 * 60_000;

/** How often the sweep runs for a retention: twice per retention period, between 1 s and 15 min. */
export function sweepIntervalMs(retentionMs: number): number {
	return Math.min(MAX_SWEEP_MS, Math.max(MIN_SWEEP_MS, Math.floor(retentionMs / 2)));
}

/** Starts the sweep (a first pass at once); returns a function that stops it. Failures are logged and retried next time. */
export function startRetentionSweep(db: Database, retentionMs: number): () => void {
	let sweeping = false;
	const sweep = async () => {
		if (sweeping) return;
		sweeping = true;
		try {
			const pruned = await pruneRunEvents(db, new Date(Date.now() - retentionMs));
			if (pruned > 0) console.log(`[organichart] deleted the stored events of ${pruned} finished run(s) past retention`);
		} catch (error) {
			console.warn('[organichart] the run event retention sweep failed (retrying later):', (error as Error).message);
		} finally {
			sweeping = false;
		}
	};
	void sweep();
	const timer = setInterval(() => void sweep(), sweepIntervalMs(retentionMs));
	timer.unref?.();
	return () => clearInterval(timer);
}
