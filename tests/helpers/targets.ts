/** The stacks the server-level tests run on: embedded only, and PostgreSQL + Redis when CI provides them. */
import { createFreshPostgresDatabase } from './database';

export type StackTarget = { label: string; prepare: () => Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }> };

export function stackTargets(): StackTarget[] {
	const targets: StackTarget[] = [{ label: 'pglite + memory runs', prepare: async () => ({ env: {}, cleanup: async () => {} }) }];
	const databaseUrl = process.env.TEST_DATABASE_URL;
	if (databaseUrl) {
		targets.push({
			label: process.env.TEST_REDIS_URL ? 'postgres + redis runs' : 'postgres + memory runs',
			prepare: async () => {
				const fresh = await createFreshPostgresDatabase(databaseUrl);
				const env: Record<string, string> = { DATABASE_URL: fresh.url };
				if (process.env.TEST_REDIS_URL) env.REDIS_URL = process.env.TEST_REDIS_URL;
				return { env, cleanup: fresh.drop };
			}
		});
	}
	return targets;
}
