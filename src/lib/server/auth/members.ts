/**
 * Organizations' membership: creating an organization, inviting, changing roles, removing members,
 * and API tokens. Role rules: admins manage members up to admin; only owners make, unmake or
 * remove owners; the last owner can be neither demoted nor removed; a token never exceeds its
 * creator's role.
 */
import type { Organization } from '$lib/protocol';
import type { Database } from '../db';
import {
	countOwnersForUpdate,
	deleteMembership,
	insertApiToken,
	insertInvitation,
	revokeApiToken as revokeApiTokenRow,
	selectApiTokensOfUser,
	selectMembers,
	selectMembership,
	selectMembershipsOfUser,
	upsertMembership,
	type ApiTokenRow,
	type MemberRole
} from '../db/members';
import { deleteOrganizationRow, insertOrganizationIfAbsent } from '../db/organizations';
import { AppError } from '../errors';
import { roleAtLeast, type Role } from '../org/context';
import { toOrganization } from '../org/organizations';
import { allows, roleIn, type Authorized, type Principal } from '../access';
import { generateToken, hashToken } from './secrets';

const INVITATION_DAYS = 7;

/** The caller's organizations with their role: only those they belong to (a token: its one org). */
export async function listOrganizationsOf(db: Database, principal: Principal): Promise<(Organization & { role: Role })[]> {
	const rows = await selectMembershipsOfUser(db, principal.userId);
	const visible = principal.kind === 'token' ? rows.filter((row) => row.orgId === principal.orgId) : rows;
	const result: (Organization & { role: Role })[] = [];
	for (const row of visible) {
		const role = principal.kind === 'token' ? await roleIn(db, principal, row.orgId) : row.role;
		if (role) result.push({ id: row.orgId, slug: row.slug, name: row.name, role });
	}
	return result;
}

/** Creates an organization owned by the caller (accounts only; a token belongs to one org). */
export async function createOrganization(db: Database, principal: Principal, input: { name: string; slug?: string }): Promise<Organization> {
	if (principal.kind !== 'user') throw new AppError('forbidden', 'API tokens belong to one organization and cannot create others.');
	const slug = input.slug ?? slugify(input.name);
	if (!slug) throw new AppError('invalid_request', 'Give the organization a name with letters or digits, or a slug.');
	return db.transaction(async (tx) => {
		const row = await insertOrganizationIfAbsent(tx, { name: input.name, slug });
		if (!row) throw new AppError('conflict', `The slug "${slug}" is taken. Choose another.`, { details: { slug } });
		await upsertMembership(tx, row.id, principal.userId, 'owner');
		return toOrganization(row);
	});
}

/** Deletes an organization with everything in it (owners only, checked by the caller). */
export async function deleteOrganization(db: Database, orgId: string): Promise<void> {
	await deleteOrganizationRow(db, orgId);
}

/** A one-time invitation for `email` to join with `role`; the token is returned once, stored hashed. */
export async function inviteMember(
	db: Database,
	authorized: Authorized,
	input: { email: string; role: MemberRole },
	origin: string
): Promise<{ token: string; link: string; email: string; role: MemberRole; expiresAt: string }> {
	requireCanGrant(authorized.role, input.role);
	const token = generateToken('oci_');
	const expiresAt = new Date(Date.now() + INVITATION_DAYS * 24 * 3600 * 1000);
	await insertInvitation(db, {
		organizationId: authorized.org.id,
		email: input.email.trim().toLowerCase(),
		role: input.role,
		tokenHash: hashToken(token),
		invitedBy: authorized.actor.userId ?? null,
		expiresAt
	});
	// The token rides in the fragment: browsers never send it to a server or in a Referer.
	return { token, link: `${origin}/invite#${token}`, email: input.email.trim().toLowerCase(), role: input.role, expiresAt: expiresAt.toISOString() };
}

/** The organization's members. */
export async function listMembers(db: Database, orgId: string) {
	const rows = await selectMembers(db, orgId);
	return rows.map((row) => ({ userId: row.userId, email: row.email, name: row.name, role: row.role, since: row.since.toISOString() }));
}

/** Changes a member's role; owners only for owner changes; never leaves the org without an owner. */
export async function changeMemberRole(db: Database, authorized: Authorized, userId: string, role: MemberRole) {
	return db.transaction(async (tx) => {
		const member = await selectMembership(tx, authorized.org.id, userId);
		if (!member) throw new AppError('not_found', 'That person is not a member of this organization.');
		requireCanGrant(authorized.role, member.role);
		requireCanGrant(authorized.role, role);
		if (member.role === 'owner' && role !== 'owner' && (await countOwnersForUpdate(tx, authorized.org.id)) <= 1) {
			throw new AppError('conflict', 'This is the last owner: make someone else an owner first.');
		}
		await upsertMembership(tx, authorized.org.id, userId, role);
		return { userId, role };
	});
}

/** Removes a member (admins; owners for owners; anyone may leave), never the last owner. */
export async function removeMember(db: Database, authorized: Authorized, userId: string): Promise<void> {
	await db.transaction(async (tx) => {
		const member = await selectMembership(tx, authorized.org.id, userId);
		if (!member) throw new AppError('not_found', 'That person is not a member of this organization.');
		const leaving = authorized.actor.userId === userId;
		if (!leaving) {
			if (!allows(authorized.role, 'manageMembers')) throw new AppError('forbidden', 'Only admins and owners of this organization can manage its members.');
			requireCanGrant(authorized.role, member.role);
		}
		if (member.role === 'owner' && (await countOwnersForUpdate(tx, authorized.org.id)) <= 1) {
			throw new AppError('conflict', 'This is the last owner: make someone else an owner first.');
		}
		await deleteMembership(tx, authorized.org.id, userId);
	});
}

/** A new API token for one organization, at most the creator's role there; the token is shown once. */
export async function createApiToken(
	db: Database,
	authorized: Authorized,
	principal: Principal,
	input: { name: string; role?: MemberRole }
): Promise<{ id: string; token: string; name: string; orgId: string; role: MemberRole; createdAt: string }> {
	if (principal.kind !== 'user') throw new AppError('forbidden', 'Create API tokens from a signed-in session, not with another token.');
	const role = input.role ?? authorized.role;
	if (!roleAtLeast(authorized.role, role)) {
		throw new AppError('forbidden', `A token cannot have more rights than you: your role here is ${authorized.role}.`);
	}
	const token = generateToken('oc_');
	const row = await insertApiToken(db, { name: input.name, organizationId: authorized.org.id, userId: principal.userId, role, tokenHash: hashToken(token) });
	return { id: row.id, token, name: row.name, orgId: row.organizationId, role: row.role, createdAt: row.createdAt.toISOString() };
}

/** The caller's live tokens, without their secrets. */
export async function listApiTokens(db: Database, principal: Principal) {
	const rows = await selectApiTokensOfUser(db, principal.userId);
	return rows.map(describeToken);
}

/** Revokes one of the caller's tokens at once; 404 for any other id. */
export async function revokeApiToken(db: Database, principal: Principal, id: string): Promise<void> {
	if (principal.kind !== 'user') throw new AppError('forbidden', 'Revoke API tokens from a signed-in session.');
	if (!(await revokeApiTokenRow(db, principal.userId, id))) throw new AppError('not_found', 'There is no such token.');
}

function describeToken(row: ApiTokenRow) {
	return {
		id: row.id,
		name: row.name,
		orgId: row.organizationId,
		role: row.role,
		createdAt: row.createdAt.toISOString(),
		lastUsedAt: row.lastUsedAt?.toISOString() ?? null
	};
}

/** Admins grant up to admin; only owners grant (or touch) owner. */
function requireCanGrant(callerRole: Role, role: MemberRole): void {
	if (role === 'owner' && callerRole !== 'owner') throw new AppError('forbidden', 'Only owners can make, change or remove owners.');
	if (!roleAtLeast(callerRole, role)) throw new AppError('forbidden', 'You cannot grant a role above your own.');
}

/** "Acme Corp." → "acme-corp". */
export function slugify(name: string): string {
	return name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
		.replace(/-+$/, '');
}
