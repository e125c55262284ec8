/**
 * Stop requests and approval answers for the runs this instance executes. Both are stored in Redis,
 * so none is lost while a connection is down, and polled for all runs at once: one MGET of every
 * stop key, and HGETALL only for runs with a call waiting for approval — not two commands per run
 * every half second, which thousands of concurrent runs would turn into most of Redis's work.
 */
import type { Redis } from 'ioredis';

type ApprovalWatch = { callback: (toolId: string, answer: string) => void; delivered: Set<string> };

export class RedisRunSignals {
	/** Stop key → what to call once it is set. */
	private readonly stops = new Map<string, Set<() => void>>();
	/** Approvals key → who hears its answers. */
	private readonly approvals = new Map<string, Set<ApprovalWatch>>();
	/** Approvals key → calls opened here whose answer has not come yet. */
	private readonly waiting = new Map<string, Set<string>>();
	private timer: ReturnType<typeof setInterval> | undefined;
	private polling = false;

	constructor(
		private readonly commands: Redis,
		private readonly pollMs: number,
		private readonly batch: number
	) {}

	/** Calls `callback` once when `stopKey` is set (also if it already is); returns a function that stops listening. */
	async onStop(stopKey: string, callback: () => void): Promise<() => void> {
		let callbacks = this.stops.get(stopKey);
		if (!callbacks) this.stops.set(stopKey, (callbacks = new Set()));
		const listening = callbacks;
		const remove = () => {
			listening.delete(fire);
			if (listening.size === 0 && this.stops.get(stopKey) === listening) this.stops.delete(stopKey);
			this.stopIfIdle();
		};
		const fire = () => {
			remove();
			callback();
		};
		listening.add(fire);
		this.start();
		try {
			if ((await this.commands.get(stopKey)) !== null && listening.has(fire)) fire();
		} catch {
			// Redis is reconnecting: the next poll looks again.
		}
		return remove;
	}

	/** Notes a call of this instance waiting for its answer, so its run's answers are polled. */
	approvalOpened(approvalsKey: string, toolId: string): void {
		let open = this.waiting.get(approvalsKey);
		if (!open) this.waiting.set(approvalsKey, (open = new Set()));
		open.add(toolId);
		this.start();
	}

	/** Calls `callback` with each settled answer in `approvalsKey` (once per call); returns a function that stops listening. */
	async onApproval(approvalsKey: string, callback: (toolId: string, answer: string) => void): Promise<() => void> {
		let watches = this.approvals.get(approvalsKey);
		if (!watches) this.approvals.set(approvalsKey, (watches = new Set()));
		const watch: ApprovalWatch = { callback, delivered: new Set() };
		watches.add(watch);
		this.start();
		try {
			await this.checkApprovals([approvalsKey]);
		} catch {
			// Redis is reconnecting: the next poll looks again.
		}
		return () => {
			watches.delete(watch);
			if (watches.size === 0 && this.approvals.get(approvalsKey) === watches) {
				this.approvals.delete(approvalsKey);
				this.waiting.delete(approvalsKey);
			}
			this.stopIfIdle();
		};
	}

	close(): void {
		clearInterval(this.timer);
		this.timer = undefined;
		this.stops.clear();
		this.approvals.clear();
		this.waiting.clear();
	}

	private start(): void {
		if (this.timer) return;
		this.timer = setInterval(() => void this.poll(), this.pollMs);
		this.timer.unref?.();
	}

	private stopIfIdle(): void {
		if (this.stops.size > 0 || this.approvals.size > 0 || this.waiting.size > 0) return;
		clearInterval(this.timer);
		this.timer = undefined;
	}

	private async poll(): Promise<void> {
		// A slow Redis must not pile up polls.
		if (this.polling) return;
		this.polling = true;
		try {
			const stopKeys = [...this.stops.keys()];
			for (let start = 0; start < stopKeys.length; start += this.batch) {
				const chunk = stopKeys.slice(start, start + this.batch);
				const values = await this.commands.mget(...chunk);
				values.forEach((value, index) => {
					if (value === null) return;
					for (const fire of [...(this.stops.get(chunk[index]) ?? [])]) fire();
				});
			}
			await this.checkApprovals([...this.waiting.keys()].filter((key) => this.approvals.has(key) && this.waiting.get(key)!.size > 0));
		} catch {
			// Redis is reconnecting: the next poll looks again.
		} finally {
			this.polling = false;
		}
	}

	private async checkApprovals(approvalKeys: string[]): Promise<void> {
		if (approvalKeys.length === 0) return;
		const answers = await Promise.all(approvalKeys.map((key) => this.commands.hgetall(key)));
		approvalKeys.forEach((key, index) => {
			for (const [toolId, answer] of Object.entries(answers[index])) {
				if (answer === 'waiting') continue;
				this.waiting.get(key)?.delete(toolId);
				for (const watch of [...(this.approvals.get(key) ?? [])]) {
					if (watch.delivered.has(toolId)) continue;
					watch.delivered.add(toolId);
					watch.callback(toolId, answer);
				}
			}
		});
	}
}
