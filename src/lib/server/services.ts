/**
 * The process's long-lived parts, created once on first use: settings, database (migrated, demo
 * org seeded), model, run event log and run service. Routes call `getServices()`; tests call
 * `createServices(env)` with settings of their own.
 */
import { getEnv, type AppEnv } from './env';
import { openDatabase, type DatabaseHandle } from './db';
import { ensureDemoOrganization } from './org/seed';
import { createMemoryOrgEventBus, createRedisOrgEventBus, setChangeAnnouncer, type OrgEventBus } from './org/org-events';
import type { ChatModel } from './llm/types';
import { createOfflineModel } from './llm/offline';
import { FINISHED_RUN_RETENTION_MS, type RunEventLog } from './runs/event-log';
import { createMemoryEventLog } from './runs/memory-event-log';
import { ChatRuns } from './runs/chat-runs';
import { startRetentionSweep } from './runs/retention';
import { INTERRUPTED_MESSAGE } from './runs/run-messages';
import { closeInterruptedRuns } from './db/runs';
import { getOrCreateSecret } from './db/members';
import { createAuth } from './auth/better-auth';
import { Accounts } from './auth/accounts';
import { generateSecret } from './auth/secrets';
import { SlidingWindowLimiter } from './auth/rate-limit';

export type Services = {
	env: AppEnv;
	database: DatabaseHandle;
	model: ChatModel;
	eventLog: RunEventLog;
	chatRuns: ChatRuns;
	/** News of committed changes to people, for the live org streams. */
	orgEvents: OrgEventBus;
	accounts: Accounts;
	/** Chat runs started per user in the last minute (`CHAT_RUNS_PER_MINUTE`). */
	chatRunLimiter: SlidingWindowLimiter;
	close: () => Promise<void>;
};

let pending: Promise<Services> | undefined;

/** The shared services; the first call opens and migrates the database. */
export function getServices(): Promise<Services> {
	pending ??= createServices(getEnv()).catch((error) => {
		pending = undefined;
		throw error;
	});
	return pending;
}

/** The model the settings ask for; the `openai` client is loaded only when it is the one asked for. */
export async function createModel(env: AppEnv): Promise<ChatModel> {
	if (env.LLM_PROVIDER === 'offline') return createOfflineModel({ tokenDelayMs: env.OFFLINE_TOKEN_DELAY_MS });
	const { createOpenAIModel } = await import('./llm/openai-model');
	return createOpenAIModel({ apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL, model: env.OPENAI_MODEL, idleTimeoutMs: env.UPSTREAM_IDLE_TIMEOUT_S * 1000 });
}

/** Opens everything the app needs, from these settings. */
export async function createServices(env: AppEnv): Promise<Services> {
	const database = env.DATABASE_URL
		? await openDatabase({ kind: 'postgres', url: env.DATABASE_URL })
		: await openDatabase({ kind: 'pglite', dataDir: env.DATA_DIR });
	if (env.SEED_DEMO) await ensureDemoOrganization(database.db);
	// Generated once and kept in the database, so every instance signs and reads the same sessions.
	const secret = env.AUTH_SECRET ?? (await getOrCreateSecret(database.db, 'auth', generateSecret));
	const accounts = new Accounts(database.db, createAuth(database.db, { secret }), { loginMaxFailures: env.LOGIN_MAX_FAILURES });
	if (env.ADMIN_EMAIL && env.ADMIN_PASSWORD) await accounts.ensureAdmin(env.ADMIN_EMAIL, env.ADMIN_PASSWORD);
	const chatRunLimiter = new SlidingWindowLimiter(env.CHAT_RUNS_PER_MINUTE, 60_000);
	const retentionMs = env.RUN_EVENTS_RETENTION_H * 3_600_000;
	// The live logs keep a finished run for a while for resumes; never longer than its events are kept at all.
	const liveRetentionMs = Math.min(FINISHED_RUN_RETENTION_MS, retentionMs);
	// ioredis is loaded only when Redis is configured.
	const eventLog = env.REDIS_URL
		? (await import('./runs/redis-event-log')).createRedisEventLog(env.REDIS_URL, { retentionMs: liveRetentionMs })
		: createMemoryEventLog({ retentionMs: liveRetentionMs });
	// Without a shared log, no other instance can own a run: whatever was running died with the last process.
	if (eventLog.kind === 'memory') await closeInterruptedRuns(database.db, INTERRUPTED_MESSAGE);
	const model = await createModel(env);
	const chatRuns = new ChatRuns(database.db, model, eventLog, {
		timeoutMs: env.RUN_TIMEOUT_S * 1000,
		maxSteps: env.MAX_TOOL_STEPS,
		leaseMs: env.RUN_LEASE_S * 1000,
		maxToolCallsPerTurn: env.MAX_TOOL_CALLS_PER_TURN,
		approval: { policy: env.TOOL_APPROVAL, timeoutMs: env.APPROVAL_TIMEOUT_S * 1000 },
		slowClientMs: env.SSE_SLOW_CLIENT_S * 1000
	});
	const orgEvents = env.REDIS_URL ? createRedisOrgEventBus(env.REDIS_URL) : createMemoryOrgEventBus();
	setChangeAnnouncer(orgEvents.announce);
	const stopSweep = startRetentionSweep(database.db, retentionMs);
	const close = async () => {
		stopSweep();
		setChangeAnnouncer(undefined);
		await orgEvents.close();
		await chatRuns.close();
		await eventLog.close();
		await database.close();
	};
	return { env, database, model, eventLog, chatRuns, orgEvents, accounts, chatRunLimiter, close };
}
