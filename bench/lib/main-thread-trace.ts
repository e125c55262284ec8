/**
 * Main-thread time from a Chromium trace (categories `toplevel` and `blink.user_timing`): every task
 * the page's renderer main thread ran, placed on the wall clock (ms since the epoch) so figures can
 * be cut at the moments the upstream wrote given tokens. A `performance.mark` made in the page ties
 * the trace clock to the wall clock and names the page's main thread.
 *
 * Busy time is the thread's CPU time in its tasks: on a machine shared with other work a task's wall
 * duration also counts the time the thread waited for a core, which says nothing about the page.
 */

/** A top-level task of the page's main thread: when it ran (ms since the epoch) and the CPU ms it took. */
export type Task = { start: number; end: number; cpu: number };

type TraceEvent = { name: string; cat: string; ph: string; pid: number; tid: number; ts: number; dur?: number; tdur?: number };

/** The page's main-thread tasks, outermost only, in order. `markWallMs` is performance.timeOrigin + the mark's startTime. */
export function mainThreadTasks(trace: Buffer, markName: string, markWallMs: number): Task[] {
	const parsed = JSON.parse(trace.toString('utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
	const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
	const mark = events.find((event) => event.name === markName && event.cat.includes('blink.user_timing'));
	if (!mark) throw new Error(`The trace has no mark "${markName}": cannot find the page's main thread.`);
	const toWall = (ts: number) => (ts - mark.ts) / 1000 + markWallMs;
	const tasks = events
		.filter((event) => event.pid === mark.pid && event.tid === mark.tid && event.ph === 'X' && event.cat.split(',').includes('toplevel'))
		.map((event) => ({ start: toWall(event.ts), end: toWall(event.ts + (event.dur ?? 0)), cpu: (event.tdur ?? event.dur ?? 0) / 1000 }))
		.sort((a, b) => a.start - b.start);
	// Nested top-level events (a mojo message inside a task) belong to the task around them.
	const outermost: Task[] = [];
	for (const task of tasks) {
		const last = outermost.at(-1);
		if (last && task.start < last.end) {
			last.end = Math.max(last.end, task.end);
			last.cpu = Math.max(last.cpu, task.cpu);
		}
		else outermost.push({ ...task });
	}
	return outermost;
}

/** CPU milliseconds the main thread spent in tasks between `from` and `to` (a task cut by an edge counts in part). */
export function busyTime(tasks: readonly Task[], from: number, to: number): number {
	let busy = 0;
	for (const task of tasks) {
		if (task.end <= from || task.start >= to) continue;
		const length = task.end - task.start;
		busy += length > 0 ? (task.cpu * (Math.min(task.end, to) - Math.max(task.start, from))) / length : task.cpu;
	}
	return busy;
}

/** The longest task that ran (at least partly) between `from` and `to`: its CPU ms and its wall ms. */
export function longestTask(tasks: readonly Task[], from: number, to: number): { cpu: number; wall: number } {
	let cpu = 0;
	let wall = 0;
	for (const task of tasks) {
		if (task.end <= from || task.start >= to) continue;
		cpu = Math.max(cpu, task.cpu);
		wall = Math.max(wall, task.end - task.start);
	}
	return { cpu, wall };
}

/**
 * Frames missed between animation frames (times in ms; NaN separates stretches not to be joined):
 * a gap of k frame intervals is k − 1 dropped frames. The interval is the 10th percentile of the gaps
 * (the display's 60 Hz here), which a page that misses most frames still shows now and then.
 */
export function droppedFrames(times: readonly number[]): { frames: number; dropped: number } {
	const gaps: number[] = [];
	for (let index = 1; index < times.length; index++) {
		const gap = times[index] - times[index - 1];
		if (Number.isFinite(gap)) gaps.push(gap);
	}
	if (gaps.length === 0) return { frames: 0, dropped: 0 };
	const interval = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 10)];
	const dropped = gaps.reduce((sum, gap) => sum + Math.max(0, Math.round(gap / interval) - 1), 0);
	return { frames: gaps.length + 1, dropped };
}
