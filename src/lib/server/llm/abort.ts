/**
 * How a stopped model request surfaces: an AbortError that callers recognise and treat as "stopped".
 * Free of the `openai` client (the OpenAI model turns that client's aborts into this error), so
 * the offline assistant never loads it.
 */

/** True for an aborted request (a stop or a timeout signal), which callers treat as "stopped", not as a failure. */
export function isAbortError(error: unknown): boolean {
	return typeof error === 'object' && error !== null && 'name' in error && error.name === 'AbortError';
}

/** The error a stopped request throws: a DOMException named AbortError, keeping the signal's reason as its cause. */
export function abortError(signal: AbortSignal): Error {
	const error = new DOMException('The model request was stopped.', 'AbortError');
	Object.defineProperty(error, 'cause', { value: signal.reason });
	return error;
}
