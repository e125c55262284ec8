/**
 * The one place that decides who is asking and what they may do. Every door goes through it: the
 * REST routes, the chat endpoints, run replay and stop, conversations, tokens, and every tool
 * (through the actor it builds). The organization is resolved here from the server's database,
 * never trusted from a model or a request body.
 *
 * - No session or token: 401.
 * - An organization, conversation or run the caller may not see: 404, the same as one that does
 *   not exist, so nothing about other organizations leaks.
 * - A role too low on an organization the caller belongs to: 403 `forbidden`.
 */
import type { Organization } from '$lib/protocol';
import type { Database } from './db';
import { getConversation, type ConversationRow } from './db/conversations';
import { findApiTokenByHash, findUserById, selectMembership, touchApiToken } from './db/members';
import { getRun, type RunRow } from './db/runs';
import { AppError } from './errors';
import { isUuid } from './ids';
import { roleAtLeast, type Actor, type Role } from './org/context';
import { findOrganization } from './org/organizations';
import { hashToken } from './auth/secrets';

/** Who is calling: a signed-in account, or an API token acting for its creator in one organization. */
export type Principal =
	| { kind: 'user'; userId: string; email: string; name: string }
	| { kind: 'token'; tokenId: string; userId: string; orgId: string; role: Role };

/** What each role may do; a role may do everything the roles below it may. */
export const permissions = {
	/** Read people, chat with the assistant (its tools then act with the caller's role). */
	read: 'viewer',
	/** Add, edit, move and remove people. */
	editPeople: 'editor',
	/** Invite, change roles, remove members. */
	manageMembers: 'admin',
	/** Delete the organization, make or unmake owners. */
	own: 'owner'
} as const satisfies Record<string, Role>;

export type Permission = keyof typeof permissions;

/** True when `role` grants `permission`. */
export function allows(role: Role, permission: Permission): boolean {
	return roleAtLeast(role, permissions[permission]);
}

/** The principal or a 401. Routes outside the public list never run without one (the hook checks). */
export function requirePrincipal(principal: Principal | null | undefined): Principal {
	if (!principal) throw new AppError('unauthorized', 'Sign in first.');
	return principal;
}

/** Reads a bearer token: its principal, or null when it is unknown or revoked (the caller answers 401). */
export async function principalFromToken(db: Database, token: string): Promise<Principal | null> {
	if (token.length > 200) return null;
	const row = await findApiTokenByHash(db, hashToken(token));
	if (!row || row.revokedAt) return null;
	// Best effort: a failed timestamp write must not fail the request.
	if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) void touchApiToken(db, row.id).catch(() => {});
	return { kind: 'token', tokenId: row.id, userId: row.userId, orgId: row.organizationId, role: row.role };
}

export type Authorized = { org: Organization; role: Role; actor: Actor };

const NO_ORGANIZATION = 'There is no organization with that id or slug.';

/**
 * The organization named by id or slug, if the caller belongs to it with at least the role the
 * permission needs. A token is scoped to its one organization and never acts above its creator's
 * current role.
 */
export async function authorizeOrganization(
	db: Database,
	principal: Principal,
	idOrSlug: string,
	permission: Permission = 'read'
): Promise<Authorized> {
	const row = idOrSlug.length <= 200 ? await findOrganization(db, idOrSlug) : undefined;
	if (!row) throw new AppError('not_found', NO_ORGANIZATION);
	const role = await roleIn(db, principal, row.id);
	if (!role) throw new AppError('not_found', NO_ORGANIZATION);
	if (!allows(role, permission)) throw new AppError('forbidden', forbiddenMessage(permission));
	const org = { id: row.id, slug: row.slug, name: row.name };
	return { org, role, actor: actorFor(principal, role) };
}

/** The caller's role in an organization, or undefined when they have none there. */
export async function roleIn(db: Database, principal: Principal, orgId: string): Promise<Role | undefined> {
	if (principal.kind === 'token' && principal.orgId !== orgId) return undefined;
	const membership = await selectMembership(db, orgId, principal.userId);
	if (!membership) return undefined;
	return principal.kind === 'token' ? lowerRole(principal.role, membership.role) : membership.role;
}

/** A conversation its caller started, in an organization they still belong to; otherwise 404. */
export async function authorizeConversation(
	db: Database,
	principal: Principal,
	conversationId: string
): Promise<Authorized & { conversation: ConversationRow }> {
	const conversation = isUuid(conversationId) ? await getConversation(db, conversationId) : undefined;
	if (!conversation || conversation.userId !== principal.userId) throw new AppError('not_found', 'That conversation does not exist.');
	const authorized = await authorizeOrganization(db, principal, conversation.organizationId).catch((error) => {
		throw error instanceof AppError && error.code === 'not_found' ? new AppError('not_found', 'That conversation does not exist.') : error;
	});
	return { ...authorized, conversation };
}

/** A run its caller started (follow, stop, approve), in an organization they still belong to; otherwise 404. */
export async function authorizeRun(db: Database, principal: Principal, runId: string): Promise<Authorized & { run: RunRow }> {
	const run = isUuid(runId) ? await getRun(db, runId) : undefined;
	if (!run || run.userId !== principal.userId) throw new AppError('not_found', 'That answer does not exist.');
	const authorized = await authorizeOrganization(db, principal, run.organizationId).catch((error) => {
		throw error instanceof AppError && error.code === 'not_found' ? new AppError('not_found', 'That answer does not exist.') : error;
	});
	return { ...authorized, run };
}

/** The account behind a principal (for /api/auth/me and tokens). */
export async function principalAccount(db: Database, principal: Principal) {
	const account = await findUserById(db, principal.userId);
	if (!account) throw new AppError('unauthorized', 'Sign in first.');
	return { id: account.id, email: account.email, name: account.name };
}

/** The actor a tool or an audit entry sees for this principal and role. */
export function actorFor(principal: Principal, role: Role): Actor {
	return principal.kind === 'token'
		? { kind: 'token', userId: principal.userId, tokenId: principal.tokenId, role }
		: { kind: 'user', userId: principal.userId, role };
}

function lowerRole(a: Role, b: Role): Role {
	return roleAtLeast(a, b) ? b : a;
}

function forbiddenMessage(permission: Permission): string {
	switch (permission) {
		case 'editPeople':
			return 'Your role in this organization can only view people. Ask an admin for the editor role to make changes.';
		case 'manageMembers':
			return 'Only admins and owners of this organization can manage its members.';
		case 'own':
			return 'Only owners of this organization can do that.';
		default:
			return 'Your role in this organization does not allow that.';
	}
}
