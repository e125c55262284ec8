/**
 * Every HTTP route the server answers, for the OpenAPI description: the bodies and queries are
 * the very zod schemas the routes parse with, so the description cannot drift from them.
 */
import { z } from 'zod';
import { chatRequestSchema, organizationSchema, personSchema } from '$lib/protocol';
import { acceptInviteBody, invitationBody, loginBody, memberChangeBody, newOrganizationBody, newTokenBody, setupBody } from '../auth/schemas';
import { conversationListQuery, renameConversationBody } from '../chat/conversation-requests';
import { reportsQuery, searchQuery, topQuery } from '../org/people-chart';
import { editPersonBody, newPersonBody, removePersonBody } from '../org/person-fields';

export type HttpMethod = 'get' | 'post' | 'patch' | 'delete';

/** Who may call: anyone, a session or an API token, or an API token only. */
export type RouteSecurity = 'public' | 'sessionOrBearer' | 'bearer';

export type ApiRoute = {
	method: HttpMethod;
	/** OpenAPI form: `/api/orgs/{org}/people`. */
	path: string;
	summary: string;
	tag: string;
	security: RouteSecurity;
	query?: z.ZodObject;
	body?: z.ZodType;
	/** The body is optional (DELETE with an optional JSON body). */
	bodyOptional?: boolean;
	/** Status → what the response is, with its schema when one exists. */
	responses: Record<number, { description: string; schema?: z.ZodType; contentType?: string }>;
};

const lastEventIdQuery = z.object({ lastEventId: z.coerce.number().int().min(0).optional().describe('Resume after this event id (or send Last-Event-ID).') });
const people = z.object({ people: z.array(personSchema) });
const onePerson = z.object({ person: personSchema });
/** A person as the chart reads them: with their count of direct reports. */
const chartPerson = personSchema.extend({ reportCount: z.number().int() });
const chartPeople = z.array(chartPerson);
const organizations = z.object({ organizations: z.array(organizationSchema) });
const sse = 'text/event-stream';

const ok = (description: string, schema?: z.ZodType) => ({ 200: { description, schema } });
const created = (description: string, schema?: z.ZodType) => ({ 201: { description, schema } });

export const apiRoutes: ApiRoute[] = [
	// Accounts
	{ method: 'post', path: '/api/auth/login', tag: 'accounts', security: 'public', summary: 'Sign in with email and password (sets the session cookie).', body: loginBody, responses: ok('`{ user }`') },
	{ method: 'post', path: '/api/auth/logout', tag: 'accounts', security: 'public', summary: 'End the session and clear its cookie.', responses: ok('Signed out.') },
	{ method: 'get', path: '/api/auth/me', tag: 'accounts', security: 'sessionOrBearer', summary: 'The caller and their memberships.', responses: ok('`{ user, memberships }`') },
	{ method: 'get', path: '/api/auth/setup', tag: 'accounts', security: 'public', summary: 'Whether first-run setup is still needed.', responses: ok('`{ needed }`') },
	{ method: 'post', path: '/api/auth/setup', tag: 'accounts', security: 'public', summary: 'Create the first account (owner) and sign it in.', body: setupBody, responses: created('`{ user }`') },
	{ method: 'get', path: '/api/auth/accept-invite', tag: 'accounts', security: 'public', summary: 'What an invitation offers.', query: z.object({ token: z.string().max(200) }), responses: ok('`{ email, role, organization: { name } }`; 410 once used or expired.') },
	{ method: 'post', path: '/api/auth/accept-invite', tag: 'accounts', security: 'public', summary: 'Accept an invitation: create the account and membership, sign in.', body: acceptInviteBody, responses: created('`{ user, membership }`; 410 once used or expired.') },
	// Organizations and members
	{ method: 'get', path: '/api/orgs', tag: 'organizations', security: 'sessionOrBearer', summary: "The caller's organizations.", responses: ok('`{ organizations }`', organizations) },
	{ method: 'post', path: '/api/orgs', tag: 'organizations', security: 'sessionOrBearer', summary: 'Create an organization owned by the caller.', body: newOrganizationBody, responses: created('`{ organization }`', z.object({ organization: organizationSchema })) },
	{ method: 'get', path: '/api/orgs/{org}', tag: 'organizations', security: 'sessionOrBearer', summary: 'One organization (id or slug).', responses: ok('`{ organization }`', z.object({ organization: organizationSchema })) },
	{ method: 'delete', path: '/api/orgs/{org}', tag: 'organizations', security: 'sessionOrBearer', summary: 'Delete the organization with its people and conversations (owners).', responses: ok('Deleted.') },
	{ method: 'post', path: '/api/orgs/{org}/invitations', tag: 'organizations', security: 'sessionOrBearer', summary: 'Invite someone (admins).', body: invitationBody, responses: created('`{ token, link }`, one-time, valid for 7 days.') },
	{ method: 'get', path: '/api/orgs/{org}/members', tag: 'organizations', security: 'sessionOrBearer', summary: 'The members (admins).', responses: ok('`{ members: [{ userId, email, name, role, since }] }`') },
	{ method: 'get', path: '/api/orgs/{org}/members/{userId}', tag: 'organizations', security: 'sessionOrBearer', summary: 'One member (admins).', responses: ok('`{ member }`') },
	{ method: 'patch', path: '/api/orgs/{org}/members/{userId}', tag: 'organizations', security: 'sessionOrBearer', summary: "Change a member's role (never the last owner).", body: memberChangeBody, responses: ok('`{ member }`') },
	{ method: 'delete', path: '/api/orgs/{org}/members/{userId}', tag: 'organizations', security: 'sessionOrBearer', summary: 'Remove a member (never the last owner).', responses: ok('Removed.') },
	// People
	{ method: 'get', path: '/api/orgs/{org}/people', tag: 'people', security: 'sessionOrBearer', summary: "The organization's people.", responses: ok('`{ people }`', people) },
	{ method: 'post', path: '/api/orgs/{org}/people', tag: 'people', security: 'sessionOrBearer', summary: 'Add a person (editors).', body: newPersonBody, responses: created('`{ person }`', onePerson) },
	{ method: 'get', path: '/api/orgs/{org}/people/top', tag: 'people', security: 'sessionOrBearer', summary: 'The roots and the levels below them, breadth first, each level by name (for the chart of a large org).', query: topQuery, responses: ok('`{ people, total, truncated }`: `total` is the headcount; `truncated` when `limit` stopped it.', z.object({ people: chartPeople, total: z.number().int(), truncated: z.boolean() })) },
	{ method: 'get', path: '/api/orgs/{org}/people/search', tag: 'people', security: 'sessionOrBearer', summary: 'People matching `q` across name, title, department, email and location, best first (exact and prefix name matches before fuzzy ones).', query: searchQuery, responses: ok('`{ people, total, totalCapped? }`: the count stops at 1000.', z.object({ people: chartPeople, total: z.number().int(), totalCapped: z.boolean().optional() })) },
	{ method: 'get', path: '/api/orgs/{org}/people/{id}/reports', tag: 'people', security: 'sessionOrBearer', summary: "A page of a person's direct reports by name; pass `nextCursor` back as `after` for the next page.", query: reportsQuery, responses: ok('`{ people, total, nextCursor }`', z.object({ people: chartPeople, total: z.number().int(), nextCursor: z.string().nullable() })) },
	{ method: 'get', path: '/api/orgs/{org}/people/{id}/path', tag: 'people', security: 'sessionOrBearer', summary: 'The people from the root down to and including this person.', responses: ok('`{ people }`', z.object({ people: chartPeople })) },
	{ method: 'get', path: '/api/orgs/{org}/people/{id}', tag: 'people', security: 'sessionOrBearer', summary: 'One person.', responses: ok('`{ person }`', onePerson) },
	{ method: 'patch', path: '/api/orgs/{org}/people/{id}', tag: 'people', security: 'sessionOrBearer', summary: 'Edit fields and/or the manager, all or nothing (editors).', body: editPersonBody, responses: ok('`{ person }`', onePerson) },
	{ method: 'delete', path: '/api/orgs/{org}/people/{id}', tag: 'people', security: 'sessionOrBearer', summary: "Remove a person; reports go to `reassignTo`, else to the removed person's manager (editors).", query: z.object({ reassignTo: z.string().max(200).optional() }), body: removePersonBody, bodyOptional: true, responses: ok('`{ removed, reassignedTo, reassigned }`') },
	{ method: 'get', path: '/api/orgs/{org}/people.csv', tag: 'people', security: 'sessionOrBearer', summary: 'Export the whole organization as CSV (UTF-8 with BOM; formula-like cells prefixed with an apostrophe).', responses: { 200: { description: 'CSV with a header row: name, title, department, email, location, manager, manager_id, start_date, id.', contentType: 'text/csv' } } },
	{ method: 'get', path: '/api/orgs/{org}/changes', tag: 'people', security: 'sessionOrBearer', summary: 'The history of changes to people, newest first: `?personId=&limit=&before=` (any member).', responses: ok('`{ changes: [{ id, at, actor, summary, personIds, undoneBy, undoOf }] }`') },
	{ method: 'post', path: '/api/orgs/{org}/changes/{id}/undo', tag: 'people', security: 'sessionOrBearer', summary: 'Revert a change as a new one (editors); 409 when later changes conflict.', responses: created('`{ change }`') },
	{ method: 'get', path: '/api/orgs/{org}/people.json', tag: 'people', security: 'sessionOrBearer', summary: 'Export the whole organization as JSON with exact values.', responses: ok('`{ organization: { id, slug, name }, people: [{ name, title, department, email, location, manager, managerId, startDate, vacancy, dottedLineManagerIds, id }] }`') },
	// Tokens
	{ method: 'get', path: '/api/tokens', tag: 'tokens', security: 'sessionOrBearer', summary: "The caller's live API tokens (never their secrets).", responses: ok('`{ tokens }`') },
	{ method: 'post', path: '/api/tokens', tag: 'tokens', security: 'sessionOrBearer', summary: "Create a token for one organization, at most the caller's role there.", body: newTokenBody, responses: created('`{ id, token }` (the token is shown once).') },
	{ method: 'delete', path: '/api/tokens/{id}', tag: 'tokens', security: 'sessionOrBearer', summary: 'Revoke one of your tokens.', responses: ok('Revoked.') },
	// The assistant
	{ method: 'post', path: '/api/chat/stream', tag: 'chat', security: 'sessionOrBearer', summary: "Start an answer and stream its events (or re-attach to this clientMessageId's).", query: lastEventIdQuery, body: chatRequestSchema, responses: { 200: { description: 'Server-sent events of the streaming protocol.', contentType: sse } } },
	{ method: 'post', path: '/api/chat', tag: 'chat', security: 'sessionOrBearer', summary: 'Ask the assistant and wait for the whole answer.', body: chatRequestSchema, responses: { 200: { description: 'The finished answer.' }, 202: { description: 'A tool call waits for approval.' } } },
	{ method: 'get', path: '/api/chat/conversations', tag: 'chat', security: 'sessionOrBearer', summary: "The caller's conversations in an organization, newest first.", query: conversationListQuery, responses: ok('`{ conversations, nextCursor }`') },
	{ method: 'get', path: '/api/chat/conversations/{id}', tag: 'chat', security: 'sessionOrBearer', summary: 'A conversation with its messages and any run still answering.', responses: ok('The conversation.') },
	{ method: 'patch', path: '/api/chat/conversations/{id}', tag: 'chat', security: 'sessionOrBearer', summary: 'Rename a conversation.', body: renameConversationBody, responses: ok('`{ conversation }`') },
	{ method: 'delete', path: '/api/chat/conversations/{id}', tag: 'chat', security: 'sessionOrBearer', summary: 'Delete a conversation (409 while an answer is being written).', responses: ok('Deleted.') },
	{ method: 'get', path: '/api/chat/runs/{runId}/events', tag: 'chat', security: 'sessionOrBearer', summary: "Replay a run's events after Last-Event-ID, then follow it live.", query: lastEventIdQuery, responses: { 200: { description: 'Server-sent events.', contentType: sse }, 400: { description: 'Last-Event-ID is not an event id (0 to 2147483647).' }, 410: { description: "The answer's events are past RUN_EVENTS_RETENTION_H; its text is in the conversation." } } },
	{ method: 'post', path: '/api/chat/runs/{runId}/stop', tag: 'chat', security: 'sessionOrBearer', summary: 'Stop a run wherever it executes.', responses: ok('Stopped.') },
	{ method: 'post', path: '/api/chat/runs/{runId}/tools/{toolId}/approve', tag: 'chat', security: 'sessionOrBearer', summary: 'Let a tool call waiting for approval run.', responses: ok('Approved.') },
	{ method: 'post', path: '/api/chat/runs/{runId}/tools/{toolId}/deny', tag: 'chat', security: 'sessionOrBearer', summary: 'Decline a tool call waiting for approval.', responses: ok('Denied.') },
	// Operations and other doors
	{ method: 'get', path: '/api/openapi.json', tag: 'meta', security: 'sessionOrBearer', summary: 'This description of the API (OpenAPI 3.1).', responses: ok('The OpenAPI document.') },
	{ method: 'get', path: '/healthz', tag: 'meta', security: 'public', summary: 'Liveness and readiness: database, model and Redis (when configured), 503 naming the part that is down.', responses: { ...ok('`{ ok, db, llm, redis? }`'), 503: { description: '`{ ok: false, db, llm, redis?, down: ["database" | "redis"], error }`' } } },
	{ method: 'post', path: '/mcp', tag: 'mcp', security: 'bearer', summary: 'Model Context Protocol over Streamable HTTP (stateless; JSON-RPC messages in, JSON out): the org tools and resources for other AI clients.', responses: ok('JSON-RPC response(s).') },
	{ method: 'get', path: '/mcp', tag: 'mcp', security: 'bearer', summary: 'Not offered: the server is stateless (405).', responses: { 405: { description: 'Send JSON-RPC messages with POST.' } } },
	{ method: 'delete', path: '/mcp', tag: 'mcp', security: 'bearer', summary: 'Not offered: there are no sessions to end (405).', responses: { 405: { description: 'Send JSON-RPC messages with POST.' } } }
];
