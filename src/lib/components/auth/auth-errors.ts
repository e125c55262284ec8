/** The words the sign-in and account screens show for a failed call. */
import { ApiError } from '$lib/client/api';

/** "30 seconds", "2 minutes": how long to wait, rounded up to what a person reads. */
export function describeWait(seconds: number): string {
	if (seconds < 90) return `${Math.max(1, Math.ceil(seconds))} second${Math.ceil(seconds) === 1 ? '' : 's'}`;
	const minutes = Math.ceil(seconds / 60);
	return `${minutes} minutes`;
}

/** The server's message, plus how long to wait when it refused for too many tries (429). */
export function accountErrorMessage(error: unknown): string {
	if (!(error instanceof ApiError)) return 'Something went wrong. Try again.';
	if (error.status === 429 && error.retryAfterSeconds !== null) {
		return `${error.message} Try again in ${describeWait(error.retryAfterSeconds)}.`;
	}
	return error.message;
}
