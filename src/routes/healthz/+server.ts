import { json } from '@sveltejs/kit';
import { pingDatabase } from '$lib/server/db/health';
import { getEnv } from '$lib/server/env';
import { getServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

const noStore = { 'cache-control': 'no-store' };

/** Liveness and readiness: which database and model are configured, and whether the database answers. */
export const GET: RequestHandler = async () => {
	const env = getEnv();
	const llm = env.LLM_PROVIDER;
	let db: 'pglite' | 'postgres' = env.DATABASE_URL ? 'postgres' : 'pglite';
	try {
		const { database } = await getServices();
		db = database.kind;
		await pingDatabase(database.db);
		return json({ ok: true, db, llm }, { headers: noStore });
	} catch (error) {
		console.error('[organichart] health check: the database is not answering:', error);
		return json({ ok: false, db, llm, error: 'The database is not answering.' }, { status: 503, headers: noStore });
	}
};
