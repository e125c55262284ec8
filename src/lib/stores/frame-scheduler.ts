/**
 * Coalesces display work to one run per animation frame. State is updated at once by callers;
 * only rendering waits, so a hidden tab (no animation frames) keeps its data current and
 * catches up the moment it is shown (FIELD-NOTES chat #11).
 */

const pending = new Set<() => void>();
let scheduled = false;

function flushFrame(): void {
	scheduled = false;
	const tasks = [...pending];
	pending.clear();
	for (const task of tasks) task();
}

/** Runs `task` on the next animation frame (once, however often it is scheduled before that). */
export function scheduleFrame(task: () => void): void {
	if (typeof requestAnimationFrame !== 'function') {
		task();
		return;
	}
	pending.add(task);
	if (scheduled) return;
	scheduled = true;
	requestAnimationFrame(flushFrame);
}
