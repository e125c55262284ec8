/** SSE responses that replay a run's events and follow it: from the live log, or from the database. */
import type { StreamEvent } from '$lib/protocol';
import type { RunEventLog } from './event-log';
import { sseResponse } from './sse';

/** How often a follower checks that the run's instance is still alive (a dead one never ends its log). */
export const LIVENESS_CHECK_MS = 5_000;

/** Follows the live log after `afterId` until the run ends or the client leaves; `checkAlive` runs now and then. */
export function followLogResponse(
	log: RunEventLog,
	runId: string,
	afterId: number,
	checkAlive: () => Promise<void>
): Response {
	return sseResponse(async (writer) => {
		await new Promise<void>((resolve) => {
			let unsubscribe: (() => void) | undefined;
			let ended = false;
			const end = () => {
				if (ended) return;
				ended = true;
				clearInterval(watch);
				unsubscribe?.();
				resolve();
			};
			const watch = setInterval(() => void checkAlive().catch(() => {}), LIVENESS_CHECK_MS);
			writer.signal.addEventListener('abort', end, { once: true });
			log.follow(runId, afterId, { onEvent: (entry) => void writer.send(entry.id, entry.event).catch(end), onEnd: end }).then(
				(stop) => {
					// The follow may have ended (or the client left) before its unsubscribe arrived.
					if (ended) stop();
					else unsubscribe = stop;
				},
				end
			);
		});
	});
}

/** Replays stored events of a finished run; `closing` is sent after them if the log has no end event. */
export function storedEventsResponse(events: { id: number; event: StreamEvent }[], afterId: number, closing: StreamEvent | null): Response {
	return sseResponse(async (writer) => {
		for (const entry of events) await writer.send(entry.id, entry.event);
		const last = events.at(-1)?.event.type;
		if (closing && last !== 'done' && last !== 'error') await writer.send((events.at(-1)?.id ?? afterId) + 1, closing);
	});
}
