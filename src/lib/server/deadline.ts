/** Bounds on waits: a promise that outlives its deadline is abandoned with a DeadlineError instead of holding its caller. */

/** A wait that did not finish in time; `what` names the wait for logs. */
export class DeadlineError extends Error {
	constructor(readonly what: string, ms: number) {
		super(`${what} did not finish within ${ms} ms`);
		this.name = 'DeadlineError';
	}
}

/** Settles like `promise`, or rejects with a DeadlineError after `ms` (the promise itself runs on, unheard). */
export function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
	if (!Number.isFinite(ms)) return promise;
	let timer: ReturnType<typeof setTimeout> | undefined;
	const expired = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new DeadlineError(what, ms)), Math.max(0, ms));
	});
	// A late rejection of the abandoned promise must not become an unhandled rejection.
	promise.catch(() => {});
	return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise((resolve) => {
		if (signal?.aborted) return resolve();
		const timer = setTimeout(done, ms);
		function done() {
			clearTimeout(timer);
			signal?.removeEventListener('abort', done);
			resolve();
		}
		signal?.addEventListener('abort', done, { once: true });
	});
}

/** Settles like `promise`, or rejects with a DeadlineError once `graceMs` have passed since `deadline` aborted. */
export function withGraceAfter<T>(promise: Promise<T>, deadline: AbortSignal, graceMs: number, what: string): Promise<T> {
	promise.catch(() => {});
	return new Promise<T>((resolve, reject) => {
		let timer: ReturnType<typeof setTimeout> | undefined;
		const expire = () => {
			timer = setTimeout(() => reject(new DeadlineError(what, graceMs)), graceMs);
		};
		if (deadline.aborted) expire();
		else deadline.addEventListener('abort', expire, { once: true });
		promise.then(resolve, reject).finally(() => {
			clearTimeout(timer);
			deadline.removeEventListener('abort', expire);
		});
	});
}
