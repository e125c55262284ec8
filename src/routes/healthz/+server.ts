import { json } from '@sveltejs/kit';
import { pingDatabase } from '$lib/server/db/health';
import { withDeadline } from '$lib/server/deadline';
import { getEnv } from '$lib/server/env';
import { getServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

const noStore = { 'cache-control': 'no-store' };
/** Each part gets this long to answer; a load balancer's check must not hang on a stalled one. */
const CHECK_TIMEOUT_MS = 2_000;

/** Liveness and readiness: which database and model are configured, and whether the database and Redis (when set) answer; 503 names what is down. */
export const GET: RequestHandler = async () => {
	const env = getEnv();
	const llm = env.LLM_PROVIDER;
	let db: 'pglite' | 'postgres' = env.DATABASE_URL ? 'postgres' : 'pglite';
	const redisConfigured = Boolean(env.REDIS_URL);
	try {
		const { database, eventLog } = await withDeadline(getServices(), CHECK_TIMEOUT_MS, 'starting the services');
		db = database.kind;
		const [dbCheck, redisCheck] = await Promise.allSettled([
			withDeadline(pingDatabase(database.db), CHECK_TIMEOUT_MS, 'the database check'),
			redisConfigured ? withDeadline(eventLog.ping(), CHECK_TIMEOUT_MS, 'the Redis check') : Promise.resolve()
		]);
		const down: ('database' | 'redis')[] = [];
		if (dbCheck.status === 'rejected') down.push('database');
		if (redisCheck.status === 'rejected') down.push('redis');
		const redis = redisConfigured ? { redis: redisCheck.status === 'fulfilled' ? ('up' as const) : ('down' as const) } : {};
		if (down.length === 0) return json({ ok: true, db, llm, ...redis }, { headers: noStore });
		for (const check of [dbCheck, redisCheck]) {
			if (check.status === 'rejected') console.error('[organichart] health check failed:', (check.reason as Error)?.message ?? check.reason);
		}
		const error = down.map((part) => (part === 'database' ? 'The database is not answering.' : 'Redis is not answering.')).join(' ');
		return json({ ok: false, db, llm, ...redis, down, error }, { status: 503, headers: noStore });
	} catch (error) {
		console.error('[organichart] health check: the services could not start:', error);
		return json(
			{ ok: false, db, llm, down: ['database'], error: 'The database is not answering.' },
			{ status: 503, headers: noStore }
		);
	}
};
