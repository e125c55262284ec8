/** Small statistics helpers for the benchmark suites. */

/** The q-quantile (0..1) of the values, by linear interpolation; NaN for none. */
export function quantile(values: readonly number[], q: number): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const position = (sorted.length - 1) * q;
	const below = Math.floor(position);
	const above = Math.ceil(position);
	return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

export const median = (values: readonly number[]) => quantile(values, 0.5);
export const p99 = (values: readonly number[]) => quantile(values, 0.99);
export const mean = (values: readonly number[]) => (values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length);

/** A figure as a ratio to its baseline, e.g. "3.8×". */
export function ratio(value: number, baseline: number): string {
	if (!Number.isFinite(value) || !Number.isFinite(baseline) || baseline === 0) return '—';
	return `${(value / baseline).toFixed(value / baseline >= 10 ? 0 : 1)}×`;
}

/** Milliseconds, rounded to what is meaningful. */
export function ms(value: number): string {
	if (!Number.isFinite(value)) return '—';
	if (Math.abs(value) >= 100) return `${Math.round(value)} ms`;
	if (Math.abs(value) >= 10) return `${value.toFixed(1)} ms`;
	return `${value.toFixed(2)} ms`;
}

export function megabytes(bytes: number): string {
	return Number.isFinite(bytes) ? `${(bytes / 1024 / 1024).toFixed(0)} MB` : '—';
}

/** Runs `task` `count` times (after `warmup` untimed runs) and returns each duration in ms. */
export async function timeRepeatedly(count: number, task: (index: number) => Promise<unknown>, warmup = 0): Promise<number[]> {
	for (let index = 0; index < warmup; index++) await task(index);
	const durations: number[] = [];
	for (let index = 0; index < count; index++) {
		const start = performance.now();
		await task(index);
		durations.push(performance.now() - start);
	}
	return durations;
}
