/** How the MCP endpoint refuses a caller: only API tokens may use it. */
import { AppError, errorResponse } from '../errors';

/** The MCP endpoint's path; the auth hook guards it like the API. */
export const MCP_PATH = '/mcp';

/** A 401 with `WWW-Authenticate: Bearer`, so MCP clients know to send an API token. */
export function mcpUnauthorized(message = 'Send an OrganiChart API token as "Authorization: Bearer <token>".'): Response {
	const response = errorResponse(new AppError('unauthorized', message));
	response.headers.set('www-authenticate', 'Bearer realm="organichart"');
	return response;
}
