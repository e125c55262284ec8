import { authorizeOrganization } from '$lib/server/access';
import { AppError, errorResponse } from '$lib/server/errors';
import { answerMcpRequest } from '$lib/server/mcp/server';
import { mcpUnauthorized } from '$lib/server/mcp/auth';
import { getServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** JSON-RPC messages from an MCP client, answered in the API token's organization with its role. */
export const POST: RequestHandler = async ({ locals, request }) => {
	const principal = locals.principal;
	// The auth hook lets only API tokens through to here.
	if (principal?.kind !== 'token') return mcpUnauthorized();
	try {
		const { database } = await getServices();
		const { org, actor } = await authorizeOrganization(database.db, principal, principal.orgId).catch((error) => {
			// The token's creator left the organization: the token no longer grants anything.
			throw error instanceof AppError && error.code === 'not_found' ? new AppError('unauthorized', 'This API token no longer has access.') : error;
		});
		return await answerMcpRequest({ db: database.db, orgId: org.id, actor }, org, request);
	} catch (error) {
		return error instanceof AppError && error.code === 'unauthorized' ? mcpUnauthorized(error.message) : errorResponse(error);
	}
};

/** No sessions, so no server-sent stream to open and nothing to end: 405, as the transport allows. */
const notAllowed: RequestHandler = () => {
	const response = errorResponse(new AppError('method_not_allowed', 'This MCP server is stateless: send JSON-RPC messages with POST.'));
	response.headers.set('allow', 'POST');
	return response;
};

export const GET = notAllowed;
export const DELETE = notAllowed;
