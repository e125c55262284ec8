/** Request parsing shared by the JSON routes: bodies are bounded and validated with zod, errors are AppErrors. */
import type { z } from 'zod';
import { AppError } from './errors';

/** The largest JSON body any route accepts. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;
/** The largest CSV an import accepts (100,000 people with every column fit well within it). */
export const MAX_IMPORT_BODY_BYTES = 32 * 1024 * 1024;

/** "1 MB", "32 MB". */
export const describeBytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
/** Longest piece of a request (a key, a message) repeated back in an error message. */
const MAX_ECHO = 80;

const tooLarge = (limit: number, cause?: unknown) =>
	new AppError('payload_too_large', `The request body is too large (the limit is ${describeBytes(limit)}).`, { cause });

/** Text from a request, shortened so an error message never repeats unbounded input. */
export function clip(text: string, max = MAX_ECHO): string {
	return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** The body's bytes, refused as soon as they pass the limit (Content-Length can be absent or wrong). */
export async function readBoundedBytes(request: Request, limit: number): Promise<Uint8Array> {
	if (Number(request.headers.get('content-length') ?? 0) > limit) throw tooLarge(limit);
	if (!request.body) return new Uint8Array();
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			size += value.byteLength;
			// Past the limit the rest is read and dropped, so the client gets the 413 rather than a reset
			// connection (adapter-node's BODY_SIZE_LIMIT still bounds how much that can be).
			if (size > limit) continue;
			chunks.push(value);
		}
	} catch (error) {
		if (error instanceof AppError) throw error;
		// adapter-node's own BODY_SIZE_LIMIT ends the stream with a 413 of its own.
		if ((error as { status?: unknown })?.status === 413) throw tooLarge(limit, error);
		throw new AppError('invalid_request', 'The request body could not be read.', { cause: error });
	}
	if (size > limit) throw tooLarge(limit);
	const bytes = new Uint8Array(size);
	let offset = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, offset);
		offset += chunk.byteLength;
	}
	return bytes;
}

/** Parses a JSON body (UTF-8, at most 1 MB) against a schema; a bad body is a 400 naming what is wrong. */
export async function readJsonBody<Schema extends z.ZodType>(request: Request, schema: Schema): Promise<z.infer<Schema>> {
	const bytes = await readBoundedBytes(request, MAX_JSON_BODY_BYTES);
	let body: unknown;
	try {
		body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
	} catch (error) {
		throw new AppError('invalid_request', 'The request body must be JSON (UTF-8).', { cause: error });
	}
	const parsed = schema.safeParse(body);
	if (!parsed.success) {
		const message = parsed.error.issues
			.slice(0, 5)
			.map((issue) => {
				const path = issue.path.map((part) => clip(String(part), 40)).join('.');
				return clip(path ? `${path}: ${issue.message}` : issue.message, 200);
			})
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
