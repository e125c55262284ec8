/**
 * Follows an organization's live change stream (GET /api/orgs/:org/events, SSE): a streaming UTF-8
 * decoder feeds eventsource-parser, every `change` event is validated, and a dropped connection is
 * re-opened with Last-Event-ID so the server replays what was missed. fetch rather than EventSource:
 * the 401 of an ended session must reach the session store like every other call's.
 */
import { createParser } from 'eventsource-parser';
import { z } from 'zod';
import { personSchema, type OrgChangeEvent } from '$lib/protocol';
import { openOrgEvents } from './api';

const changeEventSchema = z.object({
	type: z.literal('change'),
	id: z.string(),
	summary: z.string(),
	personIds: z.array(z.string()),
	people: z.array(z.object({ id: z.string(), person: personSchema.nullable() })),
	peopleOmitted: z.literal(true).optional()
});

/** A change as the page uses it: who changed and how they are now (`person: null`: removed). */
export type LiveChange = Pick<OrgChangeEvent, 'id' | 'summary' | 'personIds' | 'people' | 'peopleOmitted'>;

export type OrgEventHandlers = {
	onChange: (change: LiveChange) => void;
	/**
	 * The page may have missed changes it cannot replay (the stream (re)opened without a position,
	 * or an event it could not read): it should read the people again.
	 */
	onGap: () => void;
	/** The stream is open (true) or down and being retried (false). */
	onConnected?: (connected: boolean) => void;
};

const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 10_000;

/** Follows `orgId`'s changes until the returned function is called. */
export function followOrgEvents(orgId: string, handlers: OrgEventHandlers): () => void {
	const controller = new AbortController();
	let lastEventId: string | undefined;
	let retryMs = RETRY_MIN_MS;

	const readOnce = async (): Promise<void> => {
		const response = await openOrgEvents(orgId, lastEventId, controller.signal);
		if (!response.body) return;
		handlers.onConnected?.(true);
		// Without a position the stream starts at "now": whatever changed before it opened is read again.
		if (lastEventId === undefined) handlers.onGap();
		retryMs = RETRY_MIN_MS;
		const reader = response.body.getReader();
		const decoder = new TextDecoder('utf-8');
		const parser = createParser({
			onEvent(message) {
				if (message.id) lastEventId = message.id;
				let parsed;
				try {
					parsed = changeEventSchema.safeParse(JSON.parse(message.data));
				} catch {
					parsed = undefined;
				}
				if (!parsed?.success) return handlers.onGap();
				handlers.onChange(parsed.data);
			}
		});
		try {
			for (;;) {
				const { done, value } = await reader.read();
				if (done) break;
				parser.feed(decoder.decode(value, { stream: true }));
			}
		} finally {
			await reader.cancel().catch(() => {});
			reader.releaseLock();
		}
	};

	void (async () => {
		while (!controller.signal.aborted) {
			try {
				await readOnce();
			} catch (error) {
				// A 401/403/404 will not get better by retrying soon; anything else is a dropped connection.
				const status = (error as { status?: number }).status ?? 0;
				if (status === 401 || status === 403 || status === 404) retryMs = RETRY_MAX_MS;
			}
			if (controller.signal.aborted) break;
			handlers.onConnected?.(false);
			await new Promise((resolve) => setTimeout(resolve, retryMs));
			retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
		}
	})();
	return () => controller.abort();
}
