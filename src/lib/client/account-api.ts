/**
 * Accounts, organizations, members, invitations and API tokens: typed calls over `requestJson`
 * (the one fetch layer in api.ts), each answer checked with zod.
 */
import { z } from 'zod';
import { memberRoleSchema, organizationSchema, type MemberRole, type Organization } from '$lib/protocol';
import { requestJson } from './api';

export const userSchema = z.object({ id: z.string(), email: z.string(), name: z.string() });
export type User = z.infer<typeof userSchema>;

export const membershipSchema = z.object({ orgId: z.string(), role: memberRoleSchema, slug: z.string(), name: z.string() });
export type Membership = z.infer<typeof membershipSchema>;

const memberSchema = z.object({ userId: z.string(), email: z.string(), name: z.string(), role: memberRoleSchema, since: z.string().nullish() });
export type Member = z.infer<typeof memberSchema>;

const invitationSchema = z.object({ token: z.string(), link: z.string(), email: z.string(), role: memberRoleSchema, expiresAt: z.string() });
export type Invitation = z.infer<typeof invitationSchema>;

const invitationOfferSchema = z.object({ email: z.string(), role: memberRoleSchema, organization: z.object({ name: z.string() }) });
export type InvitationOffer = z.infer<typeof invitationOfferSchema>;

const apiTokenSchema = z.object({
	id: z.string(),
	name: z.string(),
	orgId: z.string(),
	role: memberRoleSchema,
	createdAt: z.string(),
	lastUsedAt: z.string().nullish()
});
export type ApiToken = z.infer<typeof apiTokenSchema>;
const newApiTokenSchema = apiTokenSchema.omit({ lastUsedAt: true }).extend({ token: z.string() });
export type NewApiToken = z.infer<typeof newApiTokenSchema>;

const userAnswer = z.object({ user: userSchema });
const meAnswer = z.object({ user: userSchema, memberships: z.array(membershipSchema) });
export type Me = z.infer<typeof meAnswer>;
const anything = z.unknown();
const org = (id: string) => `/api/orgs/${encodeURIComponent(id)}`;
const signedOut = { expectsSignedOut: true };

/** Whether this server still needs its first (owner) account. */
export async function getSetupStatus(): Promise<{ needed: boolean }> {
	return requestJson('/api/auth/setup', z.object({ needed: z.boolean() }), undefined, signedOut);
}

/** Creates the first account (owner of every unowned organization) and signs it in. */
export async function setupOwner(body: { email: string; password: string; name: string }): Promise<User> {
	return (await requestJson('/api/auth/setup', userAnswer, { method: 'POST', json: body }, signedOut)).user;
}

/** Signs in; a 401 (wrong credentials) or 429 (too many tries) comes back as an ApiError. */
export async function login(body: { email: string; password: string }): Promise<User> {
	return (await requestJson('/api/auth/login', userAnswer, { method: 'POST', json: body }, signedOut)).user;
}

/** Ends the session and clears its cookie. */
export async function logout(): Promise<void> {
	await requestJson('/api/auth/logout', anything, { method: 'POST' }, signedOut);
}

/** The signed-in user and their memberships; an ApiError with status 401 when nobody is signed in. */
export async function getMe(): Promise<Me> {
	return requestJson('/api/auth/me', meAnswer, undefined, signedOut);
}

/** What an invitation offers (404 unknown, 410 used or expired). */
export async function getInvitation(token: string): Promise<InvitationOffer> {
	return requestJson(`/api/auth/accept-invite?token=${encodeURIComponent(token)}`, invitationOfferSchema, undefined, signedOut);
}

/** Accepts an invitation: creates the account, joins the organization, signs in. */
export async function acceptInvite(body: { token: string; name: string; password: string }): Promise<{ user: User; membership: Partial<Membership> }> {
	const schema = z.object({ user: userSchema, membership: membershipSchema.partial() });
	return requestJson('/api/auth/accept-invite', schema, { method: 'POST', json: body }, signedOut);
}

/** Creates an organization the caller owns. */
export async function createOrganization(body: { name: string; slug?: string }): Promise<Organization> {
	return (await requestJson('/api/orgs', z.object({ organization: organizationSchema }), { method: 'POST', json: body })).organization;
}

/** Deletes an organization (owners only). */
export async function deleteOrganization(id: string): Promise<void> {
	await requestJson(org(id), anything, { method: 'DELETE' });
}

/** The members of an organization (admins and owners). */
export async function listMembers(orgId: string): Promise<Member[]> {
	return (await requestJson(`${org(orgId)}/members`, z.object({ members: z.array(memberSchema) }))).members;
}

/** Changes a member's role; the last owner cannot be demoted (409). */
export async function changeMemberRole(orgId: string, userId: string, role: MemberRole): Promise<Member> {
	const path = `${org(orgId)}/members/${encodeURIComponent(userId)}`;
	return (await requestJson(path, z.object({ member: memberSchema }), { method: 'PATCH', json: { role } })).member;
}

/** Removes a member; the last owner cannot be removed (409). */
export async function removeMember(orgId: string, userId: string): Promise<void> {
	await requestJson(`${org(orgId)}/members/${encodeURIComponent(userId)}`, anything, { method: 'DELETE' });
}

/** Invites someone by email; the answer carries the one-time link (valid 7 days). */
export async function createInvitation(orgId: string, body: { email: string; role: MemberRole }): Promise<Invitation> {
	return requestJson(`${org(orgId)}/invitations`, invitationSchema, { method: 'POST', json: body });
}

/** The caller's API tokens (never their secrets). */
export async function listApiTokens(): Promise<ApiToken[]> {
	return (await requestJson('/api/tokens', z.object({ tokens: z.array(apiTokenSchema) }))).tokens;
}

/** Creates an API token for one organization, at most the caller's role there; its secret is shown once. */
export async function createApiToken(body: { name: string; orgId: string; role?: MemberRole }): Promise<NewApiToken> {
	return requestJson('/api/tokens', newApiTokenSchema, { method: 'POST', json: body });
}

/** Revokes an API token: it stops working at once. */
export async function revokeApiToken(id: string): Promise<void> {
	await requestJson(`/api/tokens/${encodeURIComponent(id)}`, anything, { method: 'DELETE' });
}
