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

/** The `Last-Event-ID` a client resumes after (header, or `lastEventId` query for first EventSource connects). */
export function lastEventId(request: Request, url: URL): number {
	const raw = request.headers.get('last-event-id') ?? url.searchParams.get('lastEventId') ?? '0';
	const id = Number(raw);
	if (!Number.isInteger(id) || id < 0) throw new AppError('invalid_request', 'Last-Event-ID must be a non-negative integer.');
	return id;
}
