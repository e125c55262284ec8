/** Queries for accounts' memberships in organizations, invitations and API tokens. */
import { and, asc, count, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Database } from '.';
import { apiTokens, appSecrets, invitations, memberships, organizations, user, type memberRoles } from './schema';

export type MemberRole = (typeof memberRoles)[number];
export type UserRow = typeof user.$inferSelect;
export type MembershipRow = typeof memberships.$inferSelect;
export type InvitationRow = typeof invitations.$inferSelect;
export type ApiTokenRow = typeof apiTokens.$inferSelect;

/** How many accounts exist (zero means the first visit shows the setup screen). */
export async function countUsers(db: Database): Promise<number> {
	const [row] = await db.select({ n: count() }).from(user);
	return Number(row?.n ?? 0);
}

export async function findUserByEmail(db: Database, email: string): Promise<UserRow | undefined> {
	const [row] = await db.select().from(user).where(eq(sql`lower(${user.email})`, email.toLowerCase()));
	return row;
}

export async function findUserById(db: Database, id: string): Promise<UserRow | undefined> {
	const [row] = await db.select().from(user).where(eq(user.id, id));
	return row;
}

/** The caller's memberships, with their organizations. */
export function selectMembershipsOfUser(db: Database, userId: string) {
	return db
		.select({ orgId: memberships.organizationId, role: memberships.role, slug: organizations.slug, name: organizations.name })
		.from(memberships)
		.innerJoin(organizations, eq(organizations.id, memberships.organizationId))
		.where(eq(memberships.userId, userId))
		.orderBy(asc(organizations.name), asc(organizations.slug));
}

export async function selectMembership(db: Database, organizationId: string, userId: string): Promise<MembershipRow | undefined> {
	const [row] = await db
		.select()
		.from(memberships)
		.where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)));
	return row;
}

/** An organization's members with their names and emails. */
export function selectMembers(db: Database, organizationId: string) {
	return db
		.select({ userId: memberships.userId, role: memberships.role, email: user.email, name: user.name, since: memberships.createdAt })
		.from(memberships)
		.innerJoin(user, eq(user.id, memberships.userId))
		.where(eq(memberships.organizationId, organizationId))
		.orderBy(asc(user.name), asc(user.email));
}

/** Adds or changes a membership. */
export async function upsertMembership(db: Database, organizationId: string, userId: string, role: MemberRole): Promise<void> {
	await db
		.insert(memberships)
		.values({ organizationId, userId, role })
		.onConflictDoUpdate({ target: [memberships.organizationId, memberships.userId], set: { role } });
}

export async function deleteMembership(db: Database, organizationId: string, userId: string): Promise<void> {
	await db.delete(memberships).where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)));
}

/** How many owners an organization has, counted under a row lock so two demotions can't both pass. */
export async function countOwnersForUpdate(db: Database, organizationId: string): Promise<number> {
	const rows = await db
		.select({ userId: memberships.userId })
		.from(memberships)
		.where(and(eq(memberships.organizationId, organizationId), eq(memberships.role, 'owner')))
		.for('update');
	return rows.length;
}

/** Organizations that nobody owns yet (the demo org before the first account, say). */
export async function selectOwnerlessOrganizationIds(db: Database): Promise<string[]> {
	const rows = await db
		.select({ id: organizations.id })
		.from(organizations)
		.where(
			sql`not exists (select 1 from ${memberships} where ${memberships.organizationId} = ${organizations.id} and ${memberships.role} = 'owner')`
		);
	return rows.map((row) => row.id);
}

// ---- Invitations ----

export async function insertInvitation(db: Database, values: typeof invitations.$inferInsert): Promise<InvitationRow> {
	const [row] = await db.insert(invitations).values(values).returning();
	return row;
}

export async function findInvitationByHash(db: Database, tokenHash: string): Promise<InvitationRow | undefined> {
	const [row] = await db.select().from(invitations).where(eq(invitations.tokenHash, tokenHash));
	return row;
}

/** Marks an invitation used; false when it was already used (a second accept racing the first). */
export async function markInvitationAccepted(db: Database, id: string): Promise<boolean> {
	const rows = await db
		.update(invitations)
		.set({ acceptedAt: new Date() })
		.where(and(eq(invitations.id, id), isNull(invitations.acceptedAt), gt(invitations.expiresAt, new Date())))
		.returning({ id: invitations.id });
	return rows.length === 1;
}

// ---- API tokens ----

export async function insertApiToken(db: Database, values: typeof apiTokens.$inferInsert): Promise<ApiTokenRow> {
	const [row] = await db.insert(apiTokens).values(values).returning();
	return row;
}

export async function findApiTokenByHash(db: Database, tokenHash: string): Promise<ApiTokenRow | undefined> {
	const [row] = await db.select().from(apiTokens).where(eq(apiTokens.tokenHash, tokenHash));
	return row;
}

/** The tokens a user created that are not revoked, newest first. */
export function selectApiTokensOfUser(db: Database, userId: string): Promise<ApiTokenRow[]> {
	return db
		.select()
		.from(apiTokens)
		.where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
		.orderBy(sql`${apiTokens.createdAt} desc`);
}

/** Revokes a user's token; false when there is no such live token of theirs. */
export async function revokeApiToken(db: Database, userId: string, id: string): Promise<boolean> {
	const rows = await db
		.update(apiTokens)
		.set({ revokedAt: new Date() })
		.where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
		.returning({ id: apiTokens.id });
	return rows.length === 1;
}

/** Notes when a token was last used (best effort, at most once a minute per token by the caller). */
export async function touchApiToken(db: Database, id: string): Promise<void> {
	await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, id));
}

// ---- Generated secrets ----

/** The secret with this name, creating it from `generate()` on first use; every instance gets the same one. */
export async function getOrCreateSecret(db: Database, name: string, generate: () => string): Promise<string> {
	await db.insert(appSecrets).values({ name, value: generate() }).onConflictDoNothing({ target: appSecrets.name });
	const [row] = await db.select().from(appSecrets).where(eq(appSecrets.name, name));
	return row.value;
}
