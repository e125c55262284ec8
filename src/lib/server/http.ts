/** Request parsing shared by the JSON routes: bodies are validated with zod, errors are AppErrors. */
import type { z } from 'zod';
import { AppError } from './errors';

/** Parses a JSON body against a schema; a bad body is a 400 naming what is wrong. */
export async function readJsonBody<Schema extends z.ZodType>(request: Request, schema: Schema): Promise<z.infer<Schema>> {
	let body: unknown;
	try {
		body = await request.json();
	} catch (error) {
		throw new AppError('invalid_request', 'The request body must be JSON.', { cause: error });
	}
	const parsed = schema.safeParse(body);
	if (!parsed.success) {
		const message = parsed.error.issues
			.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
			.join('; ');
		throw new AppError('invalid_request', message, { cause: parsed.error });
	}
	return parsed.data;
}

/** The largest event id: ids are stored as PostgreSQL `integer`s. */
export const MAX_EVENT_ID = 2_147_483_647;

/** The `Last-Event-ID` a client resumes after (header, or `lastEventId` query for first EventSource connects); 400 unless it is a valid event id. */
export function lastEventId(request: Request, url: URL): number {
	const raw = (request.headers.get('last-event-id') ?? url.searchParams.get('lastEventId') ?? '').trim();
	if (raw === '') return 0;
	const id = /^\d{1,10}$/.test(raw) ? Number(raw) : Number.NaN;
	if (!Number.isSafeInteger(id) || id > MAX_EVENT_ID) {
		throw new AppError('invalid_request', `Last-Event-ID must be an event id: a whole number from 0 to ${MAX_EVENT_ID}.`);
	}
	return id;
}
