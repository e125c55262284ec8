import { Redis, type RedisOptions } from 'ioredis';
import { streamEventSchema, type StreamEvent } from '$lib/protocol';
import type { ApprovalOutcome } from '../agent/approvals';
import { RedisRunSignals } from './redis-run-signals';
import { RedisWakeups } from './redis-wakeups';
import {
	FINISHED_RUN_RETENTION_MS,
	MAX_READ_WAIT_MS,
	type AppendResult,
	eventJson,
	type LoggedEvent,
	type RunEventLog
} from './event-log';

const LIVE_RUN_TTL_S = 24 * 60 * 60;
/** A command that gets no answer in this long fails, so a stalled Redis never holds a run or a request. */
const COMMAND_TIMEOUT_MS = 2_000;
/** How often the executing instance looks for stored stop requests and approval answers (all its runs at once). */
const STOP_POLL_MS = 500;
/** Stop keys per MGET. */
const STOP_POLL_BATCH = 1000;
/** A run's wake channel is left this long after its last follower read. */
const SUBSCRIPTION_IDLE_MS = 15_000;
/** The end of a log: an entry after every event id (events are `0-<seq>`). */
const END_ID = '1-0';

const keys = (runId: string) => ({
	events: `oc:run:${runId}:events`,
	meta: `oc:run:${runId}:meta`,
	/** Pub/sub channel announcing that the log grew or ended (the scripts derive it from the meta key). */
	wake: `oc:run:${runId}:wake`,
	stop: `oc:run:${runId}:stop`,
	/** Hash: tool call id → "waiting", or the answer that settled it. */
	approvals: `oc:run:${runId}:approvals`
});

// Check and settle in one step, so two answers arriving on two instances cannot both win.
const SETTLE_APPROVAL = `
if redis.call('HGET', KEYS[1], ARGV[1]) == 'waiting' then
	redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
	return 1
end
return 0`;

const approvalOutcomes: readonly string[] = ['approved', 'denied', 'timed_out'] satisfies ApprovalOutcome[];

/** In the scripts: the run's wake channel, from its meta key (`oc:run:<id>:meta` → `oc:run:<id>:wake`). */
const WAKE_CHANNEL = `string.sub(KEYS[1], 1, -5) .. 'wake'`;

// Appends events with their own ids, skipping ids already there (a retried append never doubles one).
// KEYS: meta, events. ARGV: recreate, ttl, then id/json pairs.
const APPEND_SCRIPT = `
local state = redis.call('GET', KEYS[1])
if not state then
	if ARGV[1] ~= '1' then return 'missing' end
	redis.call('SET', KEYS[1], 'running', 'EX', ARGV[2])
elseif state ~= 'running' then
	return 'finished'
end
local last = 0
local top = redis.call('XREVRANGE', KEYS[2], '+', '-', 'COUNT', 1)
if #top > 0 then
	if top[1][1] == '${END_ID}' then return 'finished' end
	last = tonumber(string.sub(top[1][1], 3))
end
for i = 3, #ARGV, 2 do
	local seq = tonumber(ARGV[i])
	if seq > last then
		if seq ~= last + 1 then return 'missing' end
		redis.call('XADD', KEYS[2], '0-' .. seq, 'e', ARGV[i + 1])
		last = seq
	end
end
redis.call('EXPIRE', KEYS[2], ARGV[2])
redis.call('PUBLISH', ${WAKE_CHANNEL}, '1')
return 'ok'
`;

// Ends a log: the end entry, then the short retention. KEYS: meta, events. ARGV: retention seconds.
const FINISH_SCRIPT = `
local state = redis.call('GET', KEYS[1])
if not state then return 'missing' end
if state == 'running' then redis.call('XADD', KEYS[2], '${END_ID}', 'end', '1') end
redis.call('SET', KEYS[1], 'done', 'EX', ARGV[1])
redis.call('EXPIRE', KEYS[2], ARGV[1])
redis.call('PUBLISH', ${WAKE_CHANNEL}, '1')
return 'ok'
`;

// Closes a live log with one last event (a dead run's error). KEYS: meta, events. ARGV: retention, json.
const END_WITH_SCRIPT = `
if redis.call('GET', KEYS[1]) ~= 'running' then return 0 end
local last = 0
local top = redis.call('XREVRANGE', KEYS[2], '+', '-', 'COUNT', 1)
if #top > 0 then last = tonumber(string.sub(top[1][1], 3)) end
redis.call('XADD', KEYS[2], '0-' .. (last + 1), 'e', ARGV[2])
redis.call('XADD', KEYS[2], '${END_ID}', 'end', '1')
redis.call('SET', KEYS[1], 'done', 'EX', ARGV[1])
redis.call('EXPIRE', KEYS[2], ARGV[1])
redis.call('PUBLISH', ${WAKE_CHANNEL}, '1')
return 1
`;

type StreamEntries = [id: string, fields: string[]][];

/** Parses stream entries into events; `ended` when the end entry is among them. */
function parseEntries(entries: StreamEntries): { events: LoggedEvent[]; ended: boolean } {
	const events: LoggedEvent[] = [];
	let ended = false;
	for (const [id, fields] of entries) {
		if (id === END_ID) {
			ended = true;
			break;
		}
		// The JSON read is kept: a follower sends it on as it is, instead of making it again.
		events.push({ id: Number(id.slice(2)), event: streamEventSchema.parse(JSON.parse(fields[1])), json: fields[1] });
	}
	return { events, ended };
}

/** Logs Redis connection errors once per outage instead of on every reconnect attempt (and never "Unhandled error event"). */
function watchErrors(client: Redis, name: string): void {
	let reported = false;
	client.on('error', (error: Error) => {
		if (reported) return;
		reported = true;
		console.error(`[organichart] Redis (${name}) is not answering; retrying:`, error.message);
	});
	client.on('ready', () => {
		if (reported) console.log(`[organichart] Redis (${name}) is back`);
		reported = false;
	});
}

/**
 * Run logs in Redis Streams so any instance can replay and follow a run another instance executes.
 * Each event is an entry whose id is the run's own sequence number (`0-<seq>`); the end of the log is
 * the entry `1-0`, after which nothing can be appended. Followers read the stream from their last id,
 * waiting for a wake-up on the run's channel when there is nothing new (see redis-wakeups.ts), so no
 * dropped connection can make them skip or repeat an event. A stop request is a key.
 */
export function createRedisEventLog(url: string, options: { retentionMs?: number } = {}): RunEventLog {
	const retentionS = Math.max(1, Math.ceil((options.retentionMs ?? FINISHED_RUN_RETENTION_MS) / 1000));
	const base: RedisOptions = {
		commandTimeout: COMMAND_TIMEOUT_MS,
		// Commands queued while disconnected fail after the command timeout, or after two reconnects: the queue stays short.
		maxRetriesPerRequest: 2,
		retryStrategy: (times) => Math.min(100 * times, 1_000),
		enableAutoPipelining: true
	};
	const commands = new Redis(url, base);
	watchErrors(commands, 'commands');
	for (const [name, script] of [
		['ocAppend', APPEND_SCRIPT],
		['ocFinish', FINISH_SCRIPT],
		['ocEndWith', END_WITH_SCRIPT]
	] as const) {
		commands.defineCommand(name, { numberOfKeys: 2, lua: script });
	}
	const scripts = commands as unknown as Record<'ocAppend' | 'ocFinish' | 'ocEndWith', (...args: (string | number)[]) => Promise<unknown>>;

	const wakeups = new RedisWakeups({
		url,
		options: { ...base, enableAutoPipelining: false },
		channelOf: (runId) => keys(runId).wake,
		subscribeTimeoutMs: COMMAND_TIMEOUT_MS,
		idleMs: SUBSCRIPTION_IDLE_MS,
		onConnection: (client) => watchErrors(client, 'subscriber')
	});
	const signals = new RedisRunSignals(commands, STOP_POLL_MS, STOP_POLL_BATCH);

	return {
		kind: 'redis',
		async open(runId) {
			await commands.set(keys(runId).meta, 'running', 'EX', LIVE_RUN_TTL_S);
		},
		async append(runId, entries, { recreate = false } = {}) {
			const k = keys(runId);
			const args = entries.flatMap((entry) => [entry.id, eventJson(entry)]);
			return (await scripts.ocAppend(k.meta, k.events, recreate ? '1' : '0', LIVE_RUN_TTL_S, ...args)) as AppendResult;
		},
		async discard(runId) {
			const k = keys(runId);
			await commands.del(k.events, k.meta, k.stop, k.approvals);
		},
		async finish(runId) {
			const k = keys(runId);
			const result = (await scripts.ocFinish(k.meta, k.events, retentionS)) as AppendResult;
			await commands.del(k.stop, k.approvals);
			return result;
		},
		async endWith(runId, event: StreamEvent) {
			const k = keys(runId);
			return (await scripts.ocEndWith(k.meta, k.events, retentionS, JSON.stringify(event))) === 1;
		},
		async has(runId) {
			return (await commands.exists(keys(runId).meta)) === 1;
		},
		async isLive(runId) {
			return (await commands.get(keys(runId).meta)) === 'running';
		},
		async read(runId, afterId, { waitMs, limit = 500 }) {
			const k = keys(runId);
			const wait = Math.min(waitMs, MAX_READ_WAIT_MS);
			// Listening first: an event appended after the range below was read still wakes this read.
			const waiter = wait > 0 ? await wakeups.listen(runId) : undefined;
			try {
				const range = () => commands.xrange(k.events, `(0-${afterId}`, '+', 'COUNT', limit) as Promise<StreamEntries>;
				const [ready, known] = await Promise.all([range(), commands.exists(k.meta)]);
				if (ready.length > 0) return parseEntries(ready);
				if (!known) return null;
				if (!waiter) return { events: [], ended: false };
				await waiter.wait(wait);
				return parseEntries(await range());
			} finally {
				waiter?.stop();
			}
		},
		async requestStop(runId) {
			await commands.set(keys(runId).stop, '1', 'EX', LIVE_RUN_TTL_S);
		},
		async onStopRequested(runId, callback) {
			// A stored key, polled: a stop is seen even if it was requested while this instance was reconnecting.
			return signals.onStop(keys(runId).stop, callback);
		},
		async openApproval(runId, toolId) {
			const k = keys(runId);
			await commands.multi().hset(k.approvals, toolId, 'waiting').expire(k.approvals, LIVE_RUN_TTL_S).exec();
			signals.approvalOpened(k.approvals, toolId);
		},
		async requestApproval(runId, toolId, answer) {
			const k = keys(runId);
			return (await commands.eval(SETTLE_APPROVAL, 1, k.approvals, toolId, answer)) === 1;
		},
		async onApproval(runId, callback) {
			// Answers are stored in a hash and polled: one given while this instance was reconnecting is not lost.
			return signals.onApproval(keys(runId).approvals, (toolId, answer) => {
				if (approvalOutcomes.includes(answer)) callback(toolId, answer as ApprovalOutcome);
			});
		},
		async ping() {
			await commands.ping();
		},
		async close() {
			wakeups.close();
			signals.close();
			await commands.quit().catch(() => commands.disconnect());
		}
	};
}
