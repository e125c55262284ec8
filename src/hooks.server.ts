import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { getServices } from '$lib/server/services';
import { authHandle } from '$lib/server/auth/handle';

/** Opens the database, applies migrations and seeds the demo org before the first request. */
export const init: ServerInit = async () => {
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

/** Security headers for every response; the stream endpoints keep their own caching headers. */
const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('referrer-policy', 'same-origin');
	return response;
};

export const handle: Handle = sequence(securityHeaders, authHandle);

/** Unexpected errors are logged with their cause and shown without internals. */
export const handleError: HandleServerError = ({ error }) => {
	console.error('[organichart] unexpected error:', error);
	return { message: 'Something went wrong on the server.', code: 'internal' };
};
