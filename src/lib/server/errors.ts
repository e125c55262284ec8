import { logServerError } from './redact';

/** Error codes the API and tools return; each maps to one HTTP status. */
export const errorStatus = {
	invalid_request: 400,
	invalid_arguments: 400,
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
	return new AppError('internal', 'Something went wrong on the server.', { cause: error });
}

/** A JSON error response `{ error: { code, message } }` with the code's status. */
export function errorResponse(error: unknown): Response {
	const appError = toAppError(error);
	if (appError.code === 'internal') logServerError('internal error', appError.cause ?? appError);
	const body = { error: { code: appError.code, message: appError.message, ...(appError.details ?? {}) } };
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	// A rate limit says when to come back, in the header clients and proxies read.
	if (typeof appError.details?.retryAfter === 'number') headers['retry-after'] = String(appError.details.retryAfter);
	return new Response(JSON.stringify(body), { status: appError.status, headers });
}
