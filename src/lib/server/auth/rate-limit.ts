/**
 * Sliding-window counters kept in this process: login failures per account and per address, chat
 * runs per user. Several instances each count their own share (noted in the README's Security section).
 */
export class SlidingWindowLimiter {
	private readonly hits = new Map<string, number[]>();

	constructor(
		private readonly limit: number,
		private readonly windowMs: number,
		private readonly now: () => number = Date.now
	) {}

	/** Seconds until `key` may act again; 0 when it may act now. */
	retryAfterSeconds(key: string): number {
		const recent = this.recent(key);
		if (recent.length < this.limit) return 0;
		const oldest = recent[recent.length - this.limit];
		return Math.max(1, Math.ceil((oldest + this.windowMs - this.now()) / 1000));
	}

	/** Counts one hit for `key`. */
	hit(key: string): void {
		const recent = this.recent(key);
		recent.push(this.now());
		this.hits.set(key, recent);
		if (this.hits.size > 10_000) this.prune();
	}

	/** Forgets `key` (a successful login clears its account's failures). */
	clear(key: string): void {
		this.hits.delete(key);
	}

	private recent(key: string): number[] {
		const since = this.now() - this.windowMs;
		const recent = (this.hits.get(key) ?? []).filter((at) => at > since);
		if (recent.length === 0) this.hits.delete(key);
		return recent;
	}

	private prune(): void {
		for (const key of [...this.hits.keys()]) this.recent(key);
	}
}
