import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { authHandle } from '$lib/server/auth/handle';
import { getEnv } from '$lib/server/env';
import { collectProcessMetrics } from '$lib/server/metrics';
import { logServerError } from '$lib/server/redact';
import { getServices } from '$lib/server/services';
import { createWebSurfaceHandle } from '$lib/server/web-surface';

/** Opens the database, applies migrations and seeds the demo org before the first request. */
export const init: ServerInit = async () => {
	collectProcessMetrics();
	let services;
	try {
		services = await getServices();
	} catch (error) {
		console.error(`\nOrganiChart could not start:\n${error instanceof Error ? error.message : String(error)}\n`);
		process.exit(1);
	}
	const { env, database, model, eventLog } = services;
	console.log(
		`OrganiChart is ready at http://${env.HOST}:${env.PORT}  (database: ${database.kind}, model: ${model.provider}, runs: ${eventLog.kind})`
	);
	// End running answers as soon as a stop signal arrives: their streams close, so the server's
	// graceful shutdown is not held open by them; then close the rest once the server has stopped.
	const endRuns = () => void services.chatRuns.close();
	process.once('SIGTERM', endRuns);
	process.once('SIGINT', endRuns);
	process.once('sveltekit:shutdown', () => {
		void services.close();
	});
};

/** Host, origin, CORS, size and header rules first; later handles (e.g. sign-in) see only requests that passed. */
export const handle: Handle = sequence(createWebSurfaceHandle(getEnv), authHandle);

/** Unexpected errors are logged (secrets redacted) and shown without internals; a 404 is no error worth logging. */
export const handleError: HandleServerError = ({ error, status, message }) => {
	if (status === 404) return { message: 'Not found.', code: 'not_found' };
	if (status >= 500) logServerError('unexpected error', error);
	return { message: status >= 500 ? 'Something went wrong on the server.' : message, code: status >= 500 ? 'internal' : 'invalid_request' };
};
