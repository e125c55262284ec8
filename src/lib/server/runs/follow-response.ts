/** The SSE response of a run: its events after the client's Last-Event-ID, pulled from its log as the client reads. */
import { followRunBatches, type FollowedLog, type SettleRun } from './follow-run';
import { sseResponse, type SseOptions } from './sse';

/** Streams the run's events after `afterId` until it ends or the client leaves; `settle` asks the database when the log cannot tell. */
export function followLogResponse(log: FollowedLog, runId: string, afterId: number, settle: SettleRun, options: SseOptions = {}): Response {
	return sseResponse(async (writer) => {
		// The next events are read only once the client took the last ones: a client that stops reading stops the reads.
		for await (const batch of followRunBatches(log, runId, afterId, settle, writer.signal)) await writer.sendAll(batch);
	}, options);
}
