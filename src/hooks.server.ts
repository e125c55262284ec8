import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { getServices } from '$lib/server/services';

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
	process.once('sveltekit:shutdown', () => {
		void services.close();
	});
};

/** Security headers for every response; the stream endpoints keep their own caching headers. */
export const handle: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('referrer-policy', 'same-origin');
	return response;
};

/** Unexpected errors are logged with their cause and shown without internals. */
export const handleError: HandleServerError = ({ error }) => {
	console.error('[organichart] unexpected error:', error);
	return { message: 'Something went wrong on the server.', code: 'internal' };
};
