import { Redis } from 'ioredis';
import { streamEventSchema } from '$lib/protocol';
import type { ApprovalOutcome } from '../agent/approvals';
import { FINISHED_RUN_RETENTION_MS, type LoggedEvent, type RunEventLog } from './event-log';

const LIVE_RUN_TTL_S = 24 * 60 * 60;
// A run whose instance dies is seen as dead within ALIVE_TTL_S, so followers elsewhere stop waiting.
const ALIVE_TTL_S = 10;
const ALIVE_REFRESH_MS = 3_000;

const keys = (runId: string) => ({
	events: `oc:run:${runId}:events`,
	state: `oc:run:${runId}:state`,
	alive: `oc:run:${runId}:alive`,
	channel: `oc:run:${runId}`,
	stop: `oc:run:${runId}:stop`,
	/** Hash: tool call id → "waiting", or the answer that settled it. */
	approvals: `oc:run:${runId}:approvals`,
	approvalChannel: `oc:run:${runId}:approval`
});

// Check and settle in one step, so two answers arriving on two instances cannot both win.
const SETTLE_APPROVAL = `
if redis.call('HGET', KEYS[1], ARGV[1]) == 'waiting' then
	redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
	redis.call('PUBLISH', KEYS[2], ARGV[3])
	return 1
end
return 0`;

const approvalOutcomes: readonly string[] = ['approved', 'denied', 'timed_out'] satisfies ApprovalOutcome[];

type Notice = { id: number; event: unknown } | { end: true };

/**
 * Run logs in Redis so any instance can replay and follow a run another instance executes:
 * a list holds the events, a channel announces each new one, a key with a short TTL says the owner is alive.
 */
export function createRedisEventLog(url: string): RunEventLog {
	const commands = new Redis(url, { maxRetriesPerRequest: 3, lazyConnect: false });
	const subscriber = new Redis(url, { maxRetriesPerRequest: 3 });
	const handlers = new Map<string, Set<(message: string) => void>>();
	const aliveTimers = new Map<string, ReturnType<typeof setInterval>>();

	subscriber.on('message', (channel: string, message: string) => {
		for (const handler of handlers.get(channel) ?? []) handler(message);
	});

	async function listen(channel: string, handler: (message: string) => void): Promise<() => void> {
		let set = handlers.get(channel);
		if (!set) {
			set = new Set();
			handlers.set(channel, set);
			await subscriber.subscribe(channel);
		}
		set.add(handler);
		return () => {
			set.delete(handler);
			if (set.size === 0 && handlers.get(channel) === set) {
				handlers.delete(channel);
				subscriber.unsubscribe(channel).catch(() => {});
			}
		};
	}


	return {
		kind: 'redis',
		async open(runId) {
			const k = keys(runId);
			await commands.multi().set(k.state, 'running', 'EX', LIVE_RUN_TTL_S).set(k.alive, '1', 'EX', ALIVE_TTL_S).exec();
			const timer = setInterval(() => {
				commands.set(k.alive, '1', 'EX', ALIVE_TTL_S).catch(() => {});
			}, ALIVE_REFRESH_MS);
			timer.unref?.();
			aliveTimers.set(runId, timer);
		},
		async append(runId, event) {
			const k = keys(runId);
			// The list's length is the id: it matches replay positions even after a failed append,
			// and lets another instance close a run whose owner died.
			const id = await commands.rpush(k.events, JSON.stringify(event));
			await commands.multi().expire(k.events, LIVE_RUN_TTL_S).publish(k.channel, JSON.stringify({ id, event })).exec();
			return id;
		},
		async discard(runId) {
			const k = keys(runId);
			clearInterval(aliveTimers.get(runId));
			aliveTimers.delete(runId);
			await commands.del(k.events, k.state, k.alive, k.approvals);
		},
		async finish(runId) {
			const k = keys(runId);
			clearInterval(aliveTimers.get(runId));
			aliveTimers.delete(runId);
			const retentionS = Math.ceil(FINISHED_RUN_RETENTION_MS / 1000);
			await commands
				.multi()
				.set(k.state, 'done', 'EX', retentionS)
				.expire(k.events, retentionS)
				.del(k.alive, k.approvals)
				.publish(k.channel, JSON.stringify({ end: true }))
				.exec();
		},
		async has(runId) {
			return (await commands.exists(keys(runId).state)) === 1;
		},
		async isLive(runId) {
			return (await commands.exists(keys(runId).alive)) === 1;
		},
		async follow(runId, afterId, follower) {
			const k = keys(runId);
			let delivered = afterId;
			let ended = false;
			let backlog: Notice[] | null = [];
			const end = () => {
				if (ended) return;
				ended = true;
				follower.onEnd();
			};
			const handle = (notice: Notice) => {
				if (ended) return;
				if ('end' in notice) return end();
				if (notice.id <= delivered) return;
				delivered = notice.id;
				follower.onEvent({ id: notice.id, event: streamEventSchema.parse(notice.event) });
			};
			// Subscribe before reading the list, so nothing published in between is missed.
			const unlisten = await listen(k.channel, (message) => {
				const notice = JSON.parse(message) as Notice;
				if (backlog) backlog.push(notice);
				else handle(notice);
			});
			const [stored, state] = await Promise.all([commands.lrange(k.events, afterId, -1), commands.get(k.state)]);
			stored.forEach((raw, offset) => handle({ id: afterId + offset + 1, event: JSON.parse(raw) }));
			const pending = backlog;
			backlog = null;
			for (const notice of pending) handle(notice);
			if (state === 'done') end();
			return unlisten;
		},
		async requestStop(runId) {
			await commands.publish(keys(runId).stop, 'stop');
		},
		async onStopRequested(runId, callback) {
			return listen(keys(runId).stop, () => callback());
		},
		async ping() {
			await commands.ping();
		},
		async openApproval(runId, toolId) {
			const k = keys(runId);
			await commands.multi().hset(k.approvals, toolId, 'waiting').expire(k.approvals, LIVE_RUN_TTL_S).exec();
		},
		async requestApproval(runId, toolId, answer) {
			const k = keys(runId);
			const settled = await commands.eval(SETTLE_APPROVAL, 2, k.approvals, k.approvalChannel, toolId, answer, JSON.stringify({ toolId, answer }));
			return settled === 1;
		},
		async onApproval(runId, callback) {
			return listen(keys(runId).approvalChannel, (message) => {
				const { toolId, answer } = JSON.parse(message) as { toolId: unknown; answer: unknown };
				if (typeof toolId === 'string' && typeof answer === 'string' && approvalOutcomes.includes(answer)) {
					callback(toolId, answer as ApprovalOutcome);
				}
			});
		},
		async close() {
			for (const timer of aliveTimers.values()) clearInterval(timer);
			aliveTimers.clear();
			await Promise.allSettled([commands.quit(), subscriber.quit()]);
		}
	};
}

