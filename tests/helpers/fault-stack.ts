/**
 * The pieces a fault test runs against, each its own process: a fresh PostgreSQL database, a private
 * redis-server, optional TCP proxies in front of them, and app instances — all stopped by PID afterwards.
 */
import { onTestFailed } from 'vitest';
import { startAppServer, type AppServer } from './app-server';
import { createFreshPostgresDatabase } from './database';
import { startRedisServer, type RedisServer } from './redis-server';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';
import { postChat, readEvents, type ReceivedEvent } from './sse';

export const databaseUrl = process.env.TEST_DATABASE_URL;

export type FaultStack = {
	redis: RedisServer;
	/** The app's view of the stores: through the proxies when asked for. */
	env: Record<string, string>;
	redisProxy?: TcpProxy;
	postgresProxy?: TcpProxy;
	apps: AppServer[];
	startApp(extra?: Record<string, string>): Promise<AppServer>;
	stop(): Promise<void>;
};

/** Starts PostgreSQL (fresh database) + redis-server, with proxies in front when asked. */
export async function startFaultStack(options: { proxyRedis?: boolean; proxyPostgres?: boolean; env?: Record<string, string> } = {}): Promise<FaultStack> {
	if (!databaseUrl) throw new Error('TEST_DATABASE_URL is not set');
	const redis = await startRedisServer();
	const database = await createFreshPostgresDatabase(databaseUrl);
	const redisProxy = options.proxyRedis ? await startTcpProxy({ host: '127.0.0.1', port: redis.port }) : undefined;
	let postgresUrl = database.url;
	let postgresProxy: TcpProxy | undefined;
	if (options.proxyPostgres) {
		const target = new URL(database.url);
		postgresProxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
		target.hostname = postgresProxy.host;
		target.port = String(postgresProxy.port);
		postgresUrl = target.toString();
	}
	const env = {
		DATABASE_URL: postgresUrl,
		REDIS_URL: redisProxy ? `redis://${redisProxy.host}:${redisProxy.port}` : redis.url,
		...options.env
	};
	const apps: AppServer[] = [];
	return {
		redis,
		env,
		redisProxy,
		postgresProxy,
		apps,
		async startApp(extra = {}) {
			const app = await startAppServer({ ...env, ...extra });
			apps.push(app);
			return app;
		},
		async stop() {
			await Promise.allSettled(apps.map((app) => app.stop()));
			await redisProxy?.close();
			await postgresProxy?.close();
			await redis.stop();
			await database.drop();
		}
	};
}

/** On a failure of the current test, prints the end of each app's log: fault tests fail in ways only the server saw. */
export function printLogsOnFailure(stack: () => FaultStack | undefined): void {
	onTestFailed(() => {
		for (const [index, app] of (stack()?.apps ?? []).entries()) console.error(`--- app ${index} log (last 4 KB) ---\n${app.logs().slice(-4096)}`);
	});
}

/** Starts an answer with POST /api/chat/stream and reads it in the background; resolves once its start event arrived. */
export async function startFollowedRun(app: AppServer, body: Record<string, unknown>) {
	const received: ReceivedEvent[] = [];
	let started: (start: { runId: string; conversationId: string }) => void = () => {};
	const startSeen = new Promise<{ runId: string; conversationId: string }>((resolve) => (started = resolve));
	const response = await postChat(app, body);
	if (!response.ok) throw new Error(`POST /api/chat/stream answered ${response.status}: ${await response.text()}`);
	const finished = readEvents(response, (item) => {
		received.push(item);
		if (item.event.type === 'start') started({ runId: item.event.runId, conversationId: item.event.conversationId });
	});
	const start = await startSeen;
	return { ...start, received, finished };
}

/** Follows a run from `app` with GET …/events after `lastEventId`; the events until the stream closes. */
export async function followFrom(app: AppServer, runId: string, lastEventId = 0): Promise<ReceivedEvent[]> {
	const response = await app.fetch(`/api/chat/runs/${runId}/events`, { headers: { 'last-event-id': String(lastEventId) } });
	if (!response.ok) throw new Error(`GET events answered ${response.status}: ${await response.text()}`);
	return readEvents(response);
}

/** Asserts ids run 1..n (or after `from`) with no gap and no repeat, and end with done or error. */
export function expectWholeStream(events: ReceivedEvent[], from = 0): void {
	const ids = events.map((item) => item.id);
	const expected = Array.from({ length: ids.length }, (_, index) => from + index + 1);
	if (JSON.stringify(ids) !== JSON.stringify(expected)) throw new Error(`ids are not consecutive from ${from + 1}: ${ids.join(',')}`);
	const last = events.at(-1)?.event.type;
	if (last !== 'done' && last !== 'error') throw new Error(`the stream ended with ${last ?? 'nothing'}, not done or error`);
}
