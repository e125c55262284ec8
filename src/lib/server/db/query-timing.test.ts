/** Database query latency is measured at the driver, for PGlite and PostgreSQL, in and out of transactions. */
import { sql } from 'drizzle-orm';
import type { MetricValueWithName } from 'prom-client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testDatabaseTargets } from '../../../../tests/helpers/database';
import { metricsRegistry } from '../metrics';
import type { DatabaseHandle } from '.';

/** The query histogram's count and sum (seconds) right now. */
async function queryHistogram(): Promise<{ count: number; sum: number }> {
	const metric = await metricsRegistry.getSingleMetric('organichart_db_query_duration_seconds')!.get();
	const samples = metric.values as MetricValueWithName<string>[];
	const value = (suffix: string) => samples.find((sample) => sample.metricName === `organichart_db_query_duration_seconds_${suffix}`)?.value ?? 0;
	return { count: value('count'), sum: value('sum') };
}

for (const target of testDatabaseTargets()) {
	describe(`query timing (${target.label})`, () => {
		let database: DatabaseHandle;
		beforeAll(async () => {
			database = await target.open();
		});
		afterAll(async () => {
			await database?.close();
		});

		test('a statement is counted once, with the time the database took', async () => {
			const before = await queryHistogram();
			await database.db.execute(sql`select pg_sleep(0.05)`);
			const after = await queryHistogram();
			expect(after.count - before.count).toBe(1);
			expect(after.sum - before.sum).toBeGreaterThanOrEqual(0.045);
			expect(after.sum - before.sum).toBeLessThan(5);
		});

		test('statements inside a transaction are counted, and so is a failing one', async () => {
			const before = await queryHistogram();
			await database.db.transaction(async (tx) => {
				await tx.execute(sql`select 1`);
				await tx.execute(sql`select 2`);
			});
			const inTransaction = await queryHistogram();
			// The two selects; PostgreSQL's begin and commit are statements of their own, PGlite's are internal.
			expect(inTransaction.count - before.count).toBe(target.label === 'postgres' ? 4 : 2);
			await expect(database.db.execute(sql`select * from no_such_table`)).rejects.toThrow();
			expect((await queryHistogram()).count - inTransaction.count).toBe(1);
		});
	});
}
