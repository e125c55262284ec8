/**
 * Wake-ups for followers of Redis run logs. The scripts that append to a log, or end it, publish on
 * the run's wake channel; this instance holds one subscriber connection, subscribed to the runs its
 * followers read, and wakes their waiting reads. A follower always reads the stream itself after a
 * wake-up (or after its wait times out), so a lost message only delays it, never loses an event; and
 * thousands of waiting followers cost one connection, not one blocking connection each.
 */
import { Redis, type RedisOptions } from 'ioredis';
import { withDeadline } from '../deadline';

/** A read waiting for its run's next event: `wait` resolves on a wake-up or after `ms`; `stop` when done. */
export type WakeWaiter = { wait: (ms: number) => Promise<void>; stop: () => void };

export type WakeupSettings = {
	url: string;
	options: RedisOptions;
	/** The wake channel of a run. */
	channelOf: (runId: string) => string;
	/** How long a subscription may take before the read waits without it (it then only times out). */
	subscribeTimeoutMs: number;
	/** A run's channel is left this long after its last follower read. */
	idleMs: number;
	/** Called with the subscriber connection when it is made (to watch its errors). */
	onConnection: (client: Redis) => void;
};

type Channel = { waiters: Set<() => void>; lastUsed: number; subscribed: Promise<boolean> };

export class RedisWakeups {
	private subscriber: Redis | undefined;
	private readonly channels = new Map<string, Channel>();
	private readonly sweep: ReturnType<typeof setInterval>;

	constructor(private readonly settings: WakeupSettings) {
		this.sweep = setInterval(() => this.unsubscribeIdle(), settings.idleMs);
		this.sweep.unref?.();
	}

	/** Registers a waiter for `runId` (subscribing to its channel first if needed), before the caller reads the stream. */
	async listen(runId: string): Promise<WakeWaiter> {
		const channelName = this.settings.channelOf(runId);
		let channel = this.channels.get(channelName);
		if (!channel) {
			const subscribed = withDeadline(this.client().subscribe(channelName), this.settings.subscribeTimeoutMs, 'subscribing to wake-ups').then(
				() => true,
				() => {
					// Subscribed again by the next read that finds it missing.
					this.channels.delete(channelName);
					return false;
				}
			);
			channel = { waiters: new Set(), lastUsed: Date.now(), subscribed };
			this.channels.set(channelName, channel);
		}
		channel.lastUsed = Date.now();
		await channel.subscribed;
		let wake = () => {};
		const woken = new Promise<void>((resolve) => (wake = resolve));
		channel.waiters.add(wake);
		const waiters = channel.waiters;
		return {
			wait: (ms) =>
				new Promise<void>((resolve) => {
					const timer = setTimeout(resolve, ms);
					void woken.then(() => {
						clearTimeout(timer);
						resolve();
					});
				}),
			stop: () => {
				waiters.delete(wake);
				const current = this.channels.get(channelName);
				if (current) current.lastUsed = Date.now();
			}
		};
	}

	close(): void {
		clearInterval(this.sweep);
		this.subscriber?.disconnect();
		this.channels.clear();
	}

	private client(): Redis {
		if (this.subscriber) return this.subscriber;
		// ioredis subscribes again to every channel when it reconnects.
		const subscriber = new Redis(this.settings.url, this.settings.options);
		this.settings.onConnection(subscriber);
		subscriber.on('message', (channelName: string) => {
			const channel = this.channels.get(channelName);
			if (!channel) return;
			const waiters = [...channel.waiters];
			channel.waiters.clear();
			for (const wake of waiters) wake();
		});
		this.subscriber = subscriber;
		return subscriber;
	}

	/** Leaves the channels of runs no follower read lately. */
	private unsubscribeIdle(): void {
		const idle: string[] = [];
		for (const [name, channel] of this.channels) {
			if (channel.waiters.size === 0 && Date.now() - channel.lastUsed >= this.settings.idleMs) idle.push(name);
		}
		if (idle.length === 0 || !this.subscriber) return;
		for (const name of idle) this.channels.delete(name);
		this.subscriber.unsubscribe(...idle).catch(() => {});
	}
}
