/** The run's time limit, which stands still while the run waits for a person (an approval). */
export class RunDeadline {
	private readonly controller = new AbortController();
	private timer: ReturnType<typeof setTimeout> | undefined;
	private remainingMs: number;
	private startedAt = 0;

	constructor(readonly limitMs: number) {
		this.remainingMs = limitMs;
		this.resume();
	}

	/** Aborted (with a TimeoutError) once the run has worked for `limitMs`. */
	get signal(): AbortSignal {
		return this.controller.signal;
	}

	/** Stops the clock. */
	pause(): void {
		if (!this.timer) return;
		clearTimeout(this.timer);
		this.timer = undefined;
		this.remainingMs = Math.max(0, this.remainingMs - (Date.now() - this.startedAt));
	}

	/** Starts the clock again with the time that was left. */
	resume(): void {
		if (this.timer || this.controller.signal.aborted) return;
		this.startedAt = Date.now();
		this.timer = setTimeout(() => {
			this.timer = undefined;
			this.controller.abort(new DOMException('The run took too long.', 'TimeoutError'));
		}, this.remainingMs);
		this.timer.unref?.();
	}

	/** Stops the clock for good (the run ended). */
	dispose(): void {
		clearTimeout(this.timer);
		this.timer = undefined;
	}
}
