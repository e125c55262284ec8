/**
 * The process's long-lived parts, created once on first use: settings, database (migrated, demo
 * org seeded), model, run store. Routes call `getServices()`; tests build their own parts directly.
 */
import { getEnv, type AppEnv } from './env';
import { openDatabase, type DatabaseHandle } from './db';
import { ensureDemoOrganization } from './org/seed';

export type Services = {
	env: AppEnv;
	database: DatabaseHandle;
};

let pending: Promise<Services> | undefined;

/** The shared services; the first call opens and migrates the database. */
export function getServices(): Promise<Services> {
	pending ??= createServices().catch((error) => {
		pending = undefined;
		throw error;
	});
	return pending;
}

async function createServices(): Promise<Services> {
	const env = getEnv();
	const database = env.DATABASE_URL
		? await openDatabase({ kind: 'postgres', url: env.DATABASE_URL })
		: await openDatabase({ kind: 'pglite', dataDir: env.DATA_DIR });
	if (env.SEED_DEMO) await ensureDemoOrganization(database.db);
	return { env, database };
}
