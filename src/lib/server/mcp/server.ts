/**
 * The Model Context Protocol door to the organization: the same tools as the assistant (the
 * registry runs them, so permissions, rules and results are identical), plus the org and each
 * person as resources. One server per request: stateless, so any instance can answer any call.
 */
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { ErrorCode, McpError, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Organization } from '$lib/protocol';
import { listPeople } from '../db/people';
import { isUuid } from '../ids';
import type { OrgContext } from '../org/context';
import { exportPeople } from '../org/people-export';
import { executeTool, toolDefinitions } from '../tools';
import type { ToolOutcome } from '../tools/types';

export const ORG_RESOURCE_URI = 'organichart://org';
export const PERSON_RESOURCE_TEMPLATE = 'organichart://people/{id}';
/** People the resource list names (by name); a larger org's others are read by id or found with searchPeople. */
export const LISTED_PEOPLE_MAX = 1000;

type McpOrg = Pick<Organization, 'id' | 'slug' | 'name'>;

/** A tool's outcome as MCP content: the result as JSON text, or the tool error as an `isError` result. */
function toCallResult(outcome: ToolOutcome<unknown>): CallToolResult {
	if (outcome.ok) return { content: [{ type: 'text', text: JSON.stringify(outcome.result) }] };
	return { isError: true, content: [{ type: 'text', text: JSON.stringify({ error: outcome.error }) }] };
}

/** An MCP server acting in `ctx` (the token's organization and role) on `org`. */
export function createOrgMcpServer(ctx: OrgContext, org: McpOrg): McpServer {
	const server = new McpServer({ name: 'organichart', version: '1.0.0' }, { instructions: `The org chart of ${org.name}. People are named by name ("Jane Smith") or id.` });
	for (const tool of toolDefinitions) {
		server.registerTool(
			tool.name,
			{ description: tool.description, inputSchema: tool.input, annotations: { readOnlyHint: !tool.mutates, destructiveHint: tool.name === 'removeUser' } },
			// The SDK has checked the arguments against the same schema; the registry checks the role and runs the tool.
			async (args: unknown) => toCallResult(await executeTool(ctx, tool.name, JSON.stringify(args ?? {})))
		);
	}
	server.registerResource(
		'organization',
		ORG_RESOURCE_URI,
		{ title: org.name, description: 'The whole organization: { organization, people } as the JSON export gives it.', mimeType: 'application/json' },
		async (uri) => ({ contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(await exportPeople(ctx.db, org)) }] })
	);
	const personTemplate = new ResourceTemplate(PERSON_RESOURCE_TEMPLATE, {
		list: async () => ({
			resources: (await listPeople(ctx.db, ctx.orgId, LISTED_PEOPLE_MAX)).map((person) => ({
				uri: `organichart://people/${person.id}`,
				name: person.name,
				description: person.title,
				mimeType: 'application/json'
			}))
		})
	});
	server.registerResource(
		'person',
		personTemplate,
		{
			description: `One person by id: profile, manager and direct reports (as getUserInformation returns them). The list names the first ${LISTED_PEOPLE_MAX} by name.`,
			mimeType: 'application/json'
		},
		async (uri, { id }) => {
			const personId = Array.isArray(id) ? id[0] : id;
			// Only ids: the tool would also resolve names, which a resource address must not.
			const outcome = isUuid(personId) ? await executeTool(ctx, 'getUserInformation', JSON.stringify({ person: personId })) : null;
			if (!outcome?.ok) throw new McpError(ErrorCode.InvalidParams, `There is no person with id ${personId.slice(0, 80)} in this organization.`);
			return { contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(outcome.result) }] };
		}
	);
	return server;
}

/**
 * Answers one Streamable HTTP request (a POST of JSON-RPC messages) with a fresh server and
 * transport: no sessions, JSON responses rather than streams, nothing kept between requests.
 */
export async function answerMcpRequest(ctx: OrgContext, org: McpOrg, request: Request): Promise<Response> {
	const server = createOrgMcpServer(ctx, org);
	const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
	try {
		await server.connect(transport);
		return await transport.handleRequest(request);
	} finally {
		await server.close();
	}
}
