/** The stacks the server-level tests run on: embedded only, and PostgreSQL + Redis when CI provides them. */
import { afterAll, beforeAll } from 'vitest';
import { startAppServer, type AppServer } from './app-server';
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

/**
 * Starts the built app on `target` before the tests of the enclosing describe block and stops it
 * after; `env` is read when it starts (so it may use servers started by earlier hooks).
 */
export function useAppServer(target: StackTarget, env: () => Record<string, string> = () => ({})): () => AppServer {
	let app: AppServer | undefined;
	let cleanup = async () => {};
	beforeAll(async () => {
		const prepared = await target.prepare();
		cleanup = prepared.cleanup;
		app = await startAppServer({ ...prepared.env, ...env() });
	});
	afterAll(async () => {
		await app?.stop();
		await cleanup();
	});
	return () => {
		if (!app) throw new Error('The app server has not started.');
		return app;
	};
}
