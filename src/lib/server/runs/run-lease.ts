/**
 * The executing instance's lease on a run: renewed while the run executes, so another instance
 * may close the run as interrupted only once the lease has expired (the instance is gone). Every run
 * an instance executes is renewed by one statement per tick, not one each: with thousands of runs
 * at once, per-run renewals would be most of what the database does.
 */
import type { Database } from '../db';
import { renewLeases } from '../db/run-leases';

export type LeaseSettings = { owner: string; ms: number };

type HeldLease = { renewedAt: number; onLost: () => void };

/** The runs one instance holds with one lease length, renewed together every third of the lease. */
class LeaseRenewals {
	private readonly held = new Map<string, HeldLease>();
	private timer: ReturnType<typeof setInterval> | undefined;
	private renewing = false;
	private failing = false;

	constructor(
		private readonly db: Database,
		private readonly lease: LeaseSettings
	) {}

	/** Renews `runId` until the returned function is called; `onLost` runs once if the lease is lost first. */
	hold(runId: string, onLost: () => void): () => void {
		const entry: HeldLease = { renewedAt: Date.now(), onLost };
		this.held.set(runId, entry);
		this.timer ??= setInterval(() => void this.tick(), Math.max(200, Math.floor(this.lease.ms / 3)));
		this.timer.unref?.();
		return () => {
			if (this.held.get(runId) === entry) this.release(runId);
		};
	}

	private release(runId: string): void {
		this.held.delete(runId);
		if (this.held.size === 0 && this.timer) {
			clearInterval(this.timer);
			this.timer = undefined;
		}
	}

	private lose(runId: string): void {
		const entry = this.held.get(runId);
		if (!entry) return;
		this.release(runId);
		entry.onLost();
	}

	private async tick(): Promise<void> {
		const now = Date.now();
		for (const [runId, entry] of this.held) if (now - entry.renewedAt >= this.lease.ms) this.lose(runId);
		// A stalled database must not pile up renewals: one at a time.
		if (this.renewing || this.held.size === 0) return;
		this.renewing = true;
		const asked = new Map(this.held);
		const sentAt = Date.now();
		try {
			const renewed = await renewLeases(this.db, [...asked.keys()], this.lease.owner, this.lease.ms);
			this.failing = false;
			for (const [runId, entry] of asked) {
				// Released (or held anew) while the statement ran: not this renewal's business.
				if (this.held.get(runId) !== entry) continue;
				if (renewed.has(runId)) entry.renewedAt = sentAt;
				else this.lose(runId);
			}
		} catch (error) {
			if (!this.failing) console.warn('[organichart] could not renew the leases of', asked.size, 'runs (retrying):', (error as Error).message);
			this.failing = true;
		} finally {
			this.renewing = false;
		}
	}
}

const renewals = new WeakMap<Database, Map<string, LeaseRenewals>>();

/**
 * Renews the lease every third of its length. Calls `onLost` once when the lease is no longer
 * ours: another instance closed the run, or no renewal got through before the lease ran out
 * (then another instance may close it at any moment, so this one must stop acting for it).
 */
export function keepLease(db: Database, runId: string, lease: LeaseSettings, onLost: () => void): () => void {
	let byLease = renewals.get(db);
	if (!byLease) renewals.set(db, (byLease = new Map()));
	const key = `${lease.owner} ${lease.ms}`;
	let group = byLease.get(key);
	if (!group) byLease.set(key, (group = new LeaseRenewals(db, lease)));
	return group.hold(runId, onLost);
}
