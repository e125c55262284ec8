/**
 * A latency histogram that several processes fill and one merges: 0.1 ms buckets up to 100 ms, then
 * 1 ms buckets up to 60 s (beyond counts as 60 s). Hundreds of thousands of samples travel as a few
 * kilobytes of counts instead of raw arrays, and quantiles stay within a bucket of the true value.
 */

const FINE_LIMIT_MS = 100;
const FINE_STEP_MS = 0.1;
const COARSE_LIMIT_MS = 60_000;
const FINE_BUCKETS = FINE_LIMIT_MS / FINE_STEP_MS;
const BUCKETS = FINE_BUCKETS + (COARSE_LIMIT_MS - FINE_LIMIT_MS);

/** Sparse counts (bucket index → count), as sent between processes. */
export type HistogramCounts = Record<number, number>;

export class LatencyHistogram {
	private readonly counts = new Uint32Array(BUCKETS + 1);
	count = 0;
	max = 0;

	record(ms: number): void {
		const value = Math.max(0, ms);
		const bucket =
			value < FINE_LIMIT_MS ? Math.floor(value / FINE_STEP_MS) : Math.min(BUCKETS, FINE_BUCKETS + Math.floor(value - FINE_LIMIT_MS));
		this.counts[bucket]++;
		this.count++;
		if (value > this.max) this.max = value;
	}

	/** The value below which `q` (0..1) of the samples fall (the bucket's upper edge); NaN when empty. */
	quantile(q: number): number {
		if (this.count === 0) return Number.NaN;
		const rank = Math.max(1, Math.ceil(q * this.count));
		let seen = 0;
		for (let bucket = 0; bucket < this.counts.length; bucket++) {
			seen += this.counts[bucket];
			if (seen >= rank) return Math.min(this.max, upperEdge(bucket));
		}
		return this.max;
	}

	toJSON(): { counts: HistogramCounts; count: number; max: number } {
		const counts: HistogramCounts = {};
		this.counts.forEach((count, bucket) => {
			if (count > 0) counts[bucket] = count;
		});
		return { counts, count: this.count, max: this.max };
	}

	/** Adds the samples of another histogram (from its toJSON()). */
	merge(other: { counts: HistogramCounts; count: number; max: number }): void {
		for (const [bucket, count] of Object.entries(other.counts)) this.counts[Number(bucket)] += count;
		this.count += other.count;
		this.max = Math.max(this.max, other.max);
	}
}

function upperEdge(bucket: number): number {
	return bucket < FINE_BUCKETS ? (bucket + 1) * FINE_STEP_MS : FINE_LIMIT_MS + (bucket - FINE_BUCKETS) + 1;
}
