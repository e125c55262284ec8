/**
 * Who may call what, on the built server: every API route × { no auth, viewer, editor, admin,
 * owner, member of another org, revoked token } → the status each gets. The table must list every
 * route the server has: a new route without a row fails here until someone decides who may call it.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { Person } from '../../src/lib/protocol';
import { addMember, anonymousFetch, bearerFetch, inviteExisting, json, type Member } from '../helpers/accounts';
import type { AppServer } from '../helpers/app-server';
import { serverRoutes } from '../helpers/server-routes';
import { postChat, readEvents } from '../helpers/sse';
import { stackTargets, useAppServer } from '../helpers/targets';

const principals = ['none', 'viewer', 'editor', 'admin', 'owner', 'outsider', 'revoked'] as const;
type Who = (typeof principals)[number];
type Expected = Record<Who, number>;

/** Shorthands: the statuses for the usual shapes of rule. */
const anyMember = (ok: number): Expected => ({ none: 401, viewer: ok, editor: ok, admin: ok, owner: ok, outsider: 404, revoked: 401 });
const editors = (ok: number): Expected => ({ none: 401, viewer: 403, editor: ok, admin: ok, owner: ok, outsider: 404, revoked: 401 });
const admins = (ok: number): Expected => ({ none: 401, viewer: 403, editor: 403, admin: ok, owner: ok, outsider: 404, revoked: 401 });
const owners = (ok: number): Expected => ({ none: 401, viewer: 403, editor: 403, admin: 403, owner: ok, outsider: 404, revoked: 401 });
/** Conversations and runs belong to the user who started them (the owner here). */
const startedByOwner = (ok: number): Expected => ({ none: 401, viewer: 404, editor: 404, admin: 404, owner: ok, outsider: 404, revoked: 401 });
const signedIn = (ok: number, outsider = ok): Expected => ({ none: 401, viewer: ok, editor: ok, admin: ok, owner: ok, outsider, revoked: 401 });
const everyone = (status: number): Expected => ({ none: status, viewer: status, editor: status, admin: status, owner: status, outsider: status, revoked: status });

type Fixture = {
	app: AppServer;
	as: Record<Who, AppServer['fetch']>;
	members: Record<'viewer' | 'editor' | 'admin' | 'outsider', Member>;
	personId: string;
	runId: string;
	/** A tool call of that run (finished, so it is not waiting for approval). */
	toolId: string;
	conversationId: string;
	/** A fresh person in acme (for a removal that succeeds). */
	freshPerson: () => Promise<string>;
	/** A fresh change in acme, not undone (for an undo that succeeds). */
	freshChange: () => Promise<string>;
	/** A fresh member of acme (for a removal that succeeds). */
	freshMember: () => Promise<string>;
	/** A fresh conversation of the owner's. */
	freshConversation: () => Promise<string>;
	/** A fresh org the owner owns. */
	freshOrg: () => Promise<string>;
	/** A token of the caller's own (for a revocation that succeeds). */
	ownToken: (who: Who) => Promise<string>;
};

type Row = {
	route: string;
	method: string;
	path: (fx: Fixture, who: Who) => string | Promise<string>;
	body?: (fx: Fixture, who: Who) => unknown;
	expected: Expected;
};

const rows: Row[] = [
	// Public: the same answer whoever asks.
	{ route: '/api/auth/login', method: 'POST', path: () => '/api/auth/login', body: () => ({ email: 'nobody@organichart.test', password: 'wrong password' }), expected: everyone(401) },
	{ route: '/api/auth/setup', method: 'GET', path: () => '/api/auth/setup', expected: everyone(200) },
	{ route: '/api/auth/setup', method: 'POST', path: () => '/api/auth/setup', body: () => ({ email: 'late@organichart.test', password: 'a long password', name: 'Late' }), expected: everyone(409) },
	{ route: '/api/auth/accept-invite', method: 'GET', path: () => '/api/auth/accept-invite?token=oci_unknown', expected: everyone(404) },
	{ route: '/api/auth/accept-invite', method: 'POST', path: () => '/api/auth/accept-invite', body: () => ({ token: 'oci_unknown', name: 'X', password: 'a long password' }), expected: everyone(404) },
	// The caller's own account, organizations and tokens.
	{ route: '/api/auth/me', method: 'GET', path: () => '/api/auth/me', expected: signedIn(200) },
	{ route: '/api/orgs', method: 'GET', path: () => '/api/orgs', expected: signedIn(200) },
	{ route: '/api/orgs', method: 'POST', path: () => '/api/orgs', body: (_, who) => ({ name: `Org of ${who} ${Math.random().toString(36).slice(2, 8)}` }), expected: signedIn(201) },
	{ route: '/api/tokens', method: 'GET', path: () => '/api/tokens', expected: signedIn(200) },
	{ route: '/api/tokens', method: 'POST', path: () => '/api/tokens', body: () => ({ name: 'table', orgId: 'acme' }), expected: signedIn(201, 404) },
	{ route: '/api/tokens/[id]', method: 'DELETE', path: async (fx, who) => `/api/tokens/${await fx.ownToken(who)}`, expected: signedIn(200) },
	// One organization.
	{ route: '/api/orgs/[org]', method: 'GET', path: () => '/api/orgs/acme', expected: anyMember(200) },
	{ route: '/api/orgs/[org]', method: 'DELETE', path: async (fx, who) => (who === 'owner' ? `/api/orgs/${await fx.freshOrg()}` : '/api/orgs/acme'), expected: owners(200) },
	{ route: '/api/orgs/[org]/people', method: 'GET', path: () => '/api/orgs/acme/people', expected: anyMember(200) },
	{ route: '/api/orgs/[org]/people', method: 'POST', path: () => '/api/orgs/acme/people', body: (_, who) => ({ name: `Added by ${who}`, title: 'Engineer', manager: 'Jane Smith' }), expected: editors(201) },
	{ route: '/api/orgs/[org]/people.csv', method: 'GET', path: () => '/api/orgs/acme/people.csv', expected: anyMember(200) },
	{ route: '/api/orgs/[org]/people.json', method: 'GET', path: () => '/api/orgs/acme/people.json', expected: anyMember(200) },
	{ route: '/api/orgs/[org]/people/top', method: 'GET', path: () => '/api/orgs/acme/people/top?depth=2', expected: anyMember(200) },
	{ route: '/api/orgs/[org]/people/search', method: 'GET', path: () => '/api/orgs/acme/people/search?q=jane', expected: anyMember(200) },
	{ route: '/api/orgs/[org]/people/[id]/reports', method: 'GET', path: (fx) => `/api/orgs/acme/people/${fx.personId}/reports?limit=5`, expected: anyMember(200) },
	{ route: '/api/orgs/[org]/people/[id]/path', method: 'GET', path: (fx) => `/api/orgs/acme/people/${fx.personId}/path`, expected: anyMember(200) },
	{ route: '/api/orgs/[org]/people/[id]', method: 'GET', path: (fx) => `/api/orgs/acme/people/${fx.personId}`, expected: anyMember(200) },
	{ route: '/api/orgs/[org]/people/[id]', method: 'PATCH', path: (fx) => `/api/orgs/acme/people/${fx.personId}`, body: () => ({ location: 'Lisbon' }), expected: editors(200) },
	{ route: '/api/orgs/[org]/people/[id]', method: 'DELETE', path: async (fx, who) => `/api/orgs/acme/people/${editorsAndUp(who) ? await fx.freshPerson() : fx.personId}`, expected: editors(200) },
	{ route: '/api/orgs/[org]/changes', method: 'GET', path: () => '/api/orgs/acme/changes?limit=5', expected: anyMember(200) },
	{ route: '/api/orgs/[org]/changes/[id]/undo', method: 'POST', path: async (fx) => `/api/orgs/acme/changes/${await fx.freshChange()}/undo`, expected: editors(201) },
	{ route: '/api/orgs/[org]/invitations', method: 'POST', path: () => '/api/orgs/acme/invitations', body: () => ({ email: 'invitee@organichart.test', role: 'viewer' }), expected: admins(201) },
	{ route: '/api/orgs/[org]/members', method: 'GET', path: () => '/api/orgs/acme/members', expected: admins(200) },
	{ route: '/api/orgs/[org]/members/[userId]', method: 'GET', path: (fx) => `/api/orgs/acme/members/${fx.members.viewer.userId}`, expected: admins(200) },
	{ route: '/api/orgs/[org]/members/[userId]', method: 'PATCH', path: (fx) => `/api/orgs/acme/members/${fx.members.viewer.userId}`, body: () => ({ role: 'viewer' }), expected: admins(200) },
	// The viewer and editor may remove only themselves; here they try someone else.
	{ route: '/api/orgs/[org]/members/[userId]', method: 'DELETE', path: async (fx) => `/api/orgs/acme/members/${await fx.freshMember()}`, expected: admins(200) },
	// The assistant: any member may chat; answers belong to whoever asked.
	{ route: '/api/chat/stream', method: 'POST', path: () => '/api/chat/stream', body: () => ({ text: 'How many people are in the org?', orgId: 'acme' }), expected: anyMember(200) },
	{ route: '/api/chat/runs/[runId]/events', method: 'GET', path: (fx) => `/api/chat/runs/${fx.runId}/events`, expected: startedByOwner(200) },
	{ route: '/api/chat/runs/[runId]/stop', method: 'POST', path: (fx) => `/api/chat/runs/${fx.runId}/stop`, expected: startedByOwner(200) },
	// Only the run's user may answer an approval; this call is not waiting for one, so even they get 409.
	{ route: '/api/chat/runs/[runId]/tools/[toolId]/approve', method: 'POST', path: (fx) => `/api/chat/runs/${fx.runId}/tools/${fx.toolId}/approve`, expected: startedByOwner(409) },
	{ route: '/api/chat/runs/[runId]/tools/[toolId]/deny', method: 'POST', path: (fx) => `/api/chat/runs/${fx.runId}/tools/${fx.toolId}/deny`, expected: startedByOwner(409) },
	{ route: '/api/chat', method: 'POST', path: () => '/api/chat', body: () => ({ text: 'Who is Jane Smith?', orgId: 'acme' }), expected: anyMember(200) },
	{ route: '/api/chat/conversations', method: 'GET', path: () => '/api/chat/conversations?orgId=acme', expected: anyMember(200) },
	{ route: '/api/chat/conversations/[id]', method: 'GET', path: (fx) => `/api/chat/conversations/${fx.conversationId}`, expected: startedByOwner(200) },
	{ route: '/api/chat/conversations/[id]', method: 'PATCH', path: (fx) => `/api/chat/conversations/${fx.conversationId}`, body: () => ({ title: 'Renamed' }), expected: startedByOwner(200) },
	{ route: '/api/chat/conversations/[id]', method: 'DELETE', path: async (fx, who) => `/api/chat/conversations/${who === 'owner' ? await fx.freshConversation() : fx.conversationId}`, expected: startedByOwner(200) },
	// MCP takes API tokens only (tested with them in mcp.test.ts): a session, even the owner's, is a 401 like no auth.
	{ route: '/mcp', method: 'POST', path: () => '/mcp', body: () => ({ jsonrpc: '2.0', id: 1, method: 'tools/list' }), expected: everyone(401) },
	{ route: '/mcp', method: 'GET', path: () => '/mcp', expected: everyone(401) },
	{ route: '/mcp', method: 'DELETE', path: () => '/mcp', expected: everyone(401) },
	{ route: '/api/openapi.json', method: 'GET', path: () => '/api/openapi.json', expected: signedIn(200) },
	// Health is public.
	{ route: '/healthz', method: 'GET', path: () => '/healthz', expected: everyone(200) },
	// Last: it ends every principal's session.
	{ route: '/api/auth/logout', method: 'POST', path: () => '/api/auth/logout', expected: everyone(200) }
];

function editorsAndUp(who: Who): boolean {
	return who === 'editor' || who === 'admin' || who === 'owner';
}

/** Routes that answer the same for everyone by design and are tested elsewhere (the unknown-route 404). */
const untabled = new Set(['GET /api/[...rest]', 'POST /api/[...rest]', 'PUT /api/[...rest]', 'PATCH /api/[...rest]', 'DELETE /api/[...rest]']);

test('the authorization table lists every route the server has', () => {
	const tabled = new Set(rows.map((row) => `${row.method} ${row.route}`));
	const missing = serverRoutes().filter((route) => !tabled.has(route) && !untabled.has(route));
	expect(missing, 'routes without a row in the authorization table').toEqual([]);
});

for (const target of stackTargets()) {
	describe(`authorization (${target.label})`, () => {
		const app = useAppServer(target, () => ({ CHAT_RUNS_PER_MINUTE: '1000' }));
		const fx = {} as Fixture;

		beforeAll(async () => {
			fx.app = app();
			const viewer = await addMember(fx.app, 'acme', 'viewer');
			const editor = await addMember(fx.app, 'acme', 'editor');
			const admin = await addMember(fx.app, 'acme', 'admin');
			// The outsider owns an org of their own and belongs to nothing else.
			const otherOrg = await fx.app.fetch('/api/orgs', { method: 'POST', headers: json, body: JSON.stringify({ name: 'Other Co' }) });
			const otherSlug = ((await otherOrg.json()) as { organization: { slug: string } }).organization.slug;
			const outsider = await addMember(fx.app, otherSlug, 'owner');
			await fx.app.fetch(`/api/orgs/${otherSlug}/members/${(await me(fx.app.fetch)).id}`, { method: 'DELETE' });
			fx.members = { viewer, editor, admin, outsider };
			const revoked = await createToken(fx.app.fetch, 'acme');
			expect((await fx.app.fetch(`/api/tokens/${revoked.id}`, { method: 'DELETE' })).status).toBe(200);
			fx.as = {
				none: anonymousFetch(fx.app),
				viewer: viewer.fetch,
				editor: editor.fetch,
				admin: admin.fetch,
				owner: fx.app.fetch,
				outsider: outsider.fetch,
				revoked: bearerFetch(fx.app, revoked.token)
			};
			const people = ((await (await fx.app.fetch('/api/orgs/acme/people')).json()) as { people: Person[] }).people;
			fx.personId = people.find((person) => person.name === 'Jane Smith')!.id;
			const events = await readEvents(await postChat(fx.app, { text: 'Who is Jane Smith?', orgId: 'acme' }));
			const start = events[0].event;
			if (start.type !== 'start') throw new Error('the run did not start');
			fx.runId = start.runId;
			fx.conversationId = start.conversationId;
			const call = events.find(({ event }) => event.type === 'tool_call')?.event;
			if (call?.type !== 'tool_call') throw new Error('the run made no tool call');
			fx.toolId = call.toolCall.id;
			fx.freshPerson = async () => {
				const created = await fx.app.fetch('/api/orgs/acme/people', { method: 'POST', headers: json, body: JSON.stringify({ name: 'Leaving Soon', title: 'Temp', manager: 'Jane Smith' }) });
				return ((await created.json()) as { person: Person }).person.id;
			};
			fx.freshChange = async () => {
				const created = await fx.app.fetch('/api/orgs/acme/people', { method: 'POST', headers: json, body: JSON.stringify({ name: 'Undo Me', title: 'Temp', manager: 'Jane Smith' }) });
				return ((await created.json()) as { changeId: string }).changeId;
			};
			fx.freshConversation = async () => {
				const result = await fx.app.fetch('/api/chat', { method: 'POST', headers: json, body: JSON.stringify({ text: 'Who is Jane Smith?', orgId: 'acme' }) });
				return ((await result.json()) as { conversationId: string }).conversationId;
			};
			fx.freshMember = async () => (await addMember(fx.app, 'acme', 'viewer')).userId;
			fx.freshOrg = async () => {
				const created = await fx.app.fetch('/api/orgs', { method: 'POST', headers: json, body: JSON.stringify({ name: `Doomed ${Math.random().toString(36).slice(2, 8)}` }) });
				return ((await created.json()) as { organization: { id: string } }).organization.id;
			};
			fx.ownToken = async (who) => {
				if (who === 'none' || who === 'revoked') return revoked.id;
				const org = who === 'outsider' ? otherSlug : 'acme';
				return (await createToken(fx.as[who], org)).id;
			};
		});

		test('a token acts in its one organization, never above its creator, and stops at revocation', async () => {
			const viewerToken = await createToken(fx.members.viewer.fetch, 'acme');
			const asToken = bearerFetch(fx.app, viewerToken.token);
			expect((await asToken('/api/orgs/acme/people')).status).toBe(200);
			expect((await asToken('/api/orgs/acme/people', { method: 'POST', headers: json, body: JSON.stringify({ name: 'Token Add', title: 'X' }) })).status).toBe(403);
			const orgs = ((await (await asToken('/api/orgs')).json()) as { organizations: { slug: string }[] }).organizations;
			expect(orgs.map((org) => org.slug)).toEqual(['acme']);
			// Asking for more than one's own role is refused.
			const tooHigh = await fx.members.viewer.fetch('/api/tokens', { method: 'POST', headers: json, body: JSON.stringify({ name: 'x', orgId: 'acme', role: 'editor' }) });
			expect(tooHigh.status).toBe(403);
			// The owner's token is scoped to acme: the owner's other org is a 404 through it.
			const ownerToken = await createToken(fx.app.fetch, 'acme');
			const otherOrg = await fx.app.fetch('/api/orgs', { method: 'POST', headers: json, body: JSON.stringify({ name: 'Second Co' }) });
			const second = ((await otherOrg.json()) as { organization: { slug: string } }).organization.slug;
			expect((await fx.app.fetch(`/api/orgs/${second}/people`)).status).toBe(200);
			expect((await bearerFetch(fx.app, ownerToken.token)(`/api/orgs/${second}/people`)).status).toBe(404);
			// Revoked: refused at once.
			await fx.members.viewer.fetch(`/api/tokens/${viewerToken.id}`, { method: 'DELETE' });
			expect((await asToken('/api/orgs/acme/people')).status).toBe(401);
			// The token list never shows secrets.
			const listed = await (await fx.app.fetch('/api/tokens')).text();
			expect(listed).not.toContain(ownerToken.token);
		});

		test('members: roles change, the last owner stays, a removed member loses access at once', async () => {
			const ownerId = (await me(fx.app.fetch)).id;
			const demote = await fx.app.fetch(`/api/orgs/acme/members/${ownerId}`, { method: 'PATCH', headers: json, body: JSON.stringify({ role: 'admin' }) });
			expect(demote.status).toBe(409);
			const removeSelf = await fx.app.fetch(`/api/orgs/acme/members/${ownerId}`, { method: 'DELETE' });
			expect(removeSelf.status).toBe(409);
			// An admin cannot make an owner.
			const promote = await fx.members.admin.fetch(`/api/orgs/acme/members/${fx.members.editor.userId}`, { method: 'PATCH', headers: json, body: JSON.stringify({ role: 'owner' }) });
			expect(promote.status).toBe(403);
			const member = await addMember(fx.app, 'acme', 'editor');
			expect((await member.fetch('/api/orgs/acme/people')).status).toBe(200);
			expect((await fx.members.admin.fetch(`/api/orgs/acme/members/${member.userId}`, { method: 'DELETE' })).status).toBe(200);
			expect((await member.fetch('/api/orgs/acme/people')).status).toBe(404);
			const listed = ((await (await fx.app.fetch('/api/orgs/acme/members')).json()) as { members: { userId: string; role: string }[] }).members;
			expect(listed.find((entry) => entry.userId === ownerId)?.role).toBe('owner');
			expect(listed.some((entry) => entry.userId === member.userId)).toBe(false);
		});

		test('an invitation works once; a second use is 410', async () => {
			const invited = await fx.app.fetch('/api/orgs/acme/invitations', { method: 'POST', headers: json, body: JSON.stringify({ email: 'once@organichart.test', role: 'viewer' }) });
			expect(invited.status).toBe(201);
			const { token, link } = (await invited.json()) as { token: string; link: string };
			expect(link).toBe(`${fx.app.url}/invite#${token}`);
			const accept = () =>
				fx.as.none('/api/auth/accept-invite', { method: 'POST', headers: json, body: JSON.stringify({ token, name: 'Once', password: 'a long password' }) });
			expect((await accept()).status).toBe(201);
			expect((await accept()).status).toBe(410);
		});

		test('sessions: logout ends the session; the cookie is httpOnly and SameSite=Lax', async () => {
			const member = await addMember(fx.app, 'acme', 'viewer');
			const login = await fx.as.none('/api/auth/login', { method: 'POST', headers: json, body: JSON.stringify({ email: member.email, password: member.password }) });
			expect(login.status).toBe(200);
			const setCookie = login.headers.getSetCookie().join('\n');
			expect(setCookie).toMatch(/HttpOnly/i);
			expect(setCookie).toMatch(/SameSite=Lax/i);
			expect(setCookie).not.toMatch(/;\s*Secure/i);
			const body = (await (await member.fetch('/api/auth/me')).json()) as { user: { email: string }; memberships: { role: string }[] };
			expect(body.user.email).toBe(member.email);
			expect(body.memberships).toEqual([expect.objectContaining({ role: 'viewer' })]);
			expect((await member.fetch('/api/auth/logout', { method: 'POST' })).status).toBe(200);
			expect((await member.fetch('/api/auth/me')).status).toBe(401);
		});

		test('wrong credentials get one generic 401 that does not say which part was wrong', async () => {
			const wrongPassword = await fx.as.none('/api/auth/login', { method: 'POST', headers: json, body: JSON.stringify({ email: fx.members.viewer.email, password: 'not the password' }) });
			const unknownEmail = await fx.as.none('/api/auth/login', { method: 'POST', headers: json, body: JSON.stringify({ email: 'nobody@organichart.test', password: 'not the password' }) });
			expect(wrongPassword.status).toBe(401);
			expect(unknownEmail.status).toBe(401);
			expect((await wrongPassword.json()).error.message).toBe((await unknownEmail.json()).error.message);
		});
		for (const row of rows) {
			test(`${row.method} ${row.route}`, async () => {
				const seen: Partial<Expected> = {};
				for (const who of principals) {
					const path = await row.path(fx, who);
					const body = row.body?.(fx, who);
					const response = await fx.as[who](path, {
						method: row.method,
						...(body !== undefined && { headers: json, body: JSON.stringify(body) })
					});
					seen[who] = response.status;
					if (response.headers.get('content-type')?.includes('text/event-stream')) await readEvents(response);
					else {
						const text = await response.text();
						if (response.status >= 400 && row.route !== '/healthz') {
							// Every refusal is the documented JSON shape, and a 403 says only "forbidden".
							const error = JSON.parse(text).error;
							expect(error.code, `${who}: ${text}`).toBeTypeOf('string');
							if (response.status === 403) expect(error.code).toBe('forbidden');
						}
					}
				}
				expect(seen).toEqual(row.expected);
			});
		}

	});
}

async function me(fetchAs: AppServer['fetch']): Promise<{ id: string }> {
	return ((await (await fetchAs('/api/auth/me')).json()) as { user: { id: string } }).user;
}

async function createToken(fetchAs: AppServer['fetch'], orgId: string): Promise<{ id: string; token: string }> {
	const response = await fetchAs('/api/tokens', { method: 'POST', headers: json, body: JSON.stringify({ name: 'test', orgId }) });
	if (response.status !== 201) throw new Error(`Creating a token failed: ${response.status} ${await response.text()}`);
	return (await response.json()) as { id: string; token: string };
}
