/**
 * Telling every open page that an organization changed. The changes themselves are read from the
 * database (the `changes` table is the durable, ordered log, so a resume never misses one); what
 * travels here is only the news "organization X has a new change", to wake the streams that follow
 * it: within this process in memory, and across instances over Redis pub/sub.
 */
import { Redis } from 'ioredis';

export type OrgEventBus = {
	kind: 'memory' | 'redis';
	/** Wakes every follower of the organization, on every instance. */
	announce: (orgId: string) => void;
	/** Calls `listener` after each change to the organization; returns the unsubscribe function. */
	subscribe: (orgId: string, listener: () => void) => () => void;
	close: () => Promise<void>;
};

const CHANNEL = 'oc:org-changes';

/** Listeners of this process, by organization. */
function localListeners() {
	const byOrg = new Map<string, Set<() => void>>();
	return {
		add(orgId: string, listener: () => void) {
			const set = byOrg.get(orgId) ?? new Set();
			set.add(listener);
			byOrg.set(orgId, set);
			return () => {
				set.delete(listener);
				if (set.size === 0) byOrg.delete(orgId);
			};
		},
		wake(orgId: string) {
			for (const listener of [...(byOrg.get(orgId) ?? [])]) listener();
		},
		wakeAll() {
			for (const orgId of [...byOrg.keys()]) this.wake(orgId);
		}
	};
}

export function createMemoryOrgEventBus(): OrgEventBus {
	const listeners = localListeners();
	return {
		kind: 'memory',
		announce: (orgId) => queueMicrotask(() => listeners.wake(orgId)),
		subscribe: (orgId, listener) => listeners.add(orgId, listener),
		close: async () => {}
	};
}

/**
 * Over Redis pub/sub: one subscriber connection per process. A message lost while Redis is away is
 * made good when the subscriber reconnects (every follower re-reads), and followers also re-read
 * on a timer, so a change is never missed for long.
 */
export function createRedisOrgEventBus(url: string): OrgEventBus {
	const listeners = localListeners();
	const options = { lazyConnect: false, maxRetriesPerRequest: 1, commandTimeout: 2_000, connectTimeout: 5_000 };
	const publisher = new Redis(url, options);
	const subscriber = new Redis(url, { ...options, maxRetriesPerRequest: null, commandTimeout: undefined });
	for (const connection of [publisher, subscriber]) {
		connection.on('error', () => {
			// Reported by /healthz and the run logs; ioredis reconnects by itself.
		});
	}
	let connectedBefore = false;
	subscriber.on('ready', () => {
		// Messages published while this connection was down are gone: let every follower re-read.
		if (connectedBefore) listeners.wakeAll();
		connectedBefore = true;
	});
	void subscriber.subscribe(CHANNEL).catch(() => {
		// Retried by ioredis on reconnect (it re-subscribes by itself).
	});
	subscriber.on('message', (_channel: string, orgId: string) => listeners.wake(orgId));
	return {
		kind: 'redis',
		announce: (orgId) => {
			// The local followers need not wait for the round trip, and still hear it if Redis is down.
			listeners.wake(orgId);
			publisher.publish(CHANNEL, orgId).catch(() => {
				// Other instances catch up on their timer or on reconnect.
			});
		},
		subscribe: (orgId, listener) => listeners.add(orgId, listener),
		close: async () => {
			subscriber.disconnect();
			publisher.disconnect();
		}
	};
}

/** Who inOrgTransaction tells about a committed change; set once by the services. */
let announcer: ((orgId: string) => void) | undefined;

export function setChangeAnnouncer(announce: ((orgId: string) => void) | undefined): void {
	announcer = announce;
}

/** Called after a change to people committed. */
export function announceChange(orgId: string): void {
	announcer?.(orgId);
}
