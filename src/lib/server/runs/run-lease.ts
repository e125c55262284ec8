/**
 * The executing instance's lease on a run: renewed while the run executes, so another instance
 * may close the run as interrupted only once the lease has expired (the instance is gone).
 */
import type { Database } from '../db';
import { renewLease } from '../db/runs';

export type LeaseSettings = { owner: string; ms: number };

/**
 * Renews the lease every third of its length. Calls `onLost` once when the lease is no longer
 * ours: another instance closed the run, or no renewal got through before the lease ran out
 * (then another instance may close it at any moment, so this one must stop acting for it).
 */
export function keepLease(db: Database, runId: string, lease: LeaseSettings, onLost: () => void): () => void {
	let renewedAt = Date.now();
	let stopped = false;
	let renewing = false;
	const lose = () => {
		if (stopped) return;
		stopped = true;
		clearInterval(timer);
		onLost();
	};
	const timer = setInterval(() => {
		if (Date.now() - renewedAt >= lease.ms) return lose();
		// A stalled database must not pile up renewals: one at a time.
		if (renewing) return;
		renewing = true;
		renewLease(db, runId, lease.owner, lease.ms)
			.finally(() => (renewing = false))
			.then(
			(held) => {
				if (held) renewedAt = Date.now();
				else if (!stopped) lose();
			},
			(error: unknown) => console.warn('[organichart] could not renew the lease of run', runId, '(retrying):', (error as Error).message)
		);
	}, Math.max(200, Math.floor(lease.ms / 3)));
	timer.unref?.();
	return () => {
		stopped = true;
		clearInterval(timer);
	};
}
