import { logServerError } from './redact';

/** Error codes the API and tools return; each maps to one HTTP status. */
export const errorStatus = {
	invalid_request: 400,
	invalid_arguments: 400,
	/** A CSV the import cannot read (encoding, quoting, missing columns). */
	invalid_csv: 400,
	unauthorized: 401,
	forbidden: 403,
	not_found: 404,
	method_not_allowed: 405,
	gone: 410,
	ambiguous: 409,
	conflict: 409,
	cycle: 409,
	cross_org: 409,
	duplicate_email: 409,
	multiple_roots: 409,
	/** An import with rows in error: nothing was written; `details` lists the rows. */
	import_errors: 422,
	run_active: 409,
	/** A change the user declined (tool results only). */
	denied: 409,
	payload_too_large: 413,
	misdirected_request: 421,
	rate_limited: 429,
	/** More tool calls in one model turn than allowed (tool results only). */
	too_many_calls: 429,
	upstream: 502,
	unavailable: 503,
	internal: 500
} as const;

export type ErrorCode = keyof typeof errorStatus;

/** The one error type of the server: a code, a message fit for users, optional details, and the cause. */
export class AppError extends Error {
	readonly code: ErrorCode;
	readonly details?: Record<string, unknown>;

	constructor(code: ErrorCode, message: string, options: { cause?: unknown; details?: Record<string, unknown> } = {}) {
		super(message, { cause: options.cause });
		this.name = 'AppError';
		this.code = code;
		this.details = options.details;
	}

	get status(): number {
		return errorStatus[this.code];
	}
}

/** Turns anything thrown into an AppError without leaking internals into its message. */
export function toAppError(error: unknown): AppError {
	if (error instanceof AppError) return error;
	if (isStorageUnavailable(error)) {
		return new AppError('unavailable', 'The server cannot reach its database right now. Try again in a moment.', { cause: error });
	}
	return new AppError('internal', 'Something went wrong on the server.', { cause: error });
}

/** PostgreSQL SQLSTATEs that mean "not reachable now": connection exceptions, shutdown, too many connections, timeouts. */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[1-3]|53300|57014)$/;
const UNAVAILABLE_NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND']);
const UNAVAILABLE_MESSAGE =
	/Connection terminated|timeout exceeded when trying to connect|Query read timeout|Command timed out|Connection is closed|enableOfflineQueue|MaxRetriesPerRequest/i;

/**
 * True when a failure (or any cause behind it: Drizzle wraps the driver's error) means the database
 * or Redis is down or too slow, not that the request or the code is wrong: a 503, not a 500.
 */
export function isStorageUnavailable(error: unknown): boolean {
	for (let current = error, depth = 0; current && depth < 6; current = (current as { cause?: unknown }).cause, depth++) {
		if (typeof current !== 'object') return false;
		const { code, message, name } = current as { code?: unknown; message?: unknown; name?: unknown };
		if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_NETWORK.has(code))) return true;
		if (name === 'MaxRetriesPerRequestError') return true;
		if (typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)) return true;
	}
	return false;
}

/** A JSON error response `{ error: { code, message } }` with the code's status. */
export function errorResponse(error: unknown): Response {
	const appError = toAppError(error);
	if (appError.code === 'internal') logServerError('internal error', appError.cause ?? appError);
	else if (appError.code === 'unavailable' && appError.cause) logServerError('storage unavailable', appError.cause);
	const body = { error: { code: appError.code, message: appError.message, ...(appError.details ?? {}) } };
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	// A rate limit says when to come back, in the header clients and proxies read.
	if (typeof appError.details?.retryAfter === 'number') headers['retry-after'] = String(appError.details.retryAfter);
	return new Response(JSON.stringify(body), { status: appError.status, headers });
}
