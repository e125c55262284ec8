/**
 * Accounts: the first owner (setup screen or ADMIN_EMAIL), sign-in with rate-limited failures,
 * sign-out, the session behind a request, and accepting an invitation. Password hashing and
 * session signing are better-auth's; this module decides who may do what with them.
 */
import type { Database } from '../db';
import {
	countUsers,
	findInvitationByHash,
	findUserByEmail,
	markInvitationAccepted,
	selectOwnerlessOrganizationIds,
	upsertMembership,
	type InvitationRow
} from '../db/members';
import { AppError } from '../errors';
import type { Auth } from './better-auth';
import { SlidingWindowLimiter } from './rate-limit';
import { hashToken } from './secrets';

export type SessionUser = { id: string; email: string; name: string };
/** What a sign-in hands back to the browser: the account and the Set-Cookie headers of its session. */
export type SignedIn = { user: SessionUser; cookies: string[] };

const LOGIN_WINDOW_MS = 15 * 60 * 1000;
const WRONG_CREDENTIALS = 'The email or password is not right.';

export class Accounts {
	private readonly failuresByAccount: SlidingWindowLimiter;
	private readonly failuresByAddress: SlidingWindowLimiter;
	private setupInProgress: Promise<unknown> | undefined;

	constructor(
		private readonly db: Database,
		private readonly auth: Auth,
		settings: { loginMaxFailures: number }
	) {
		this.failuresByAccount = new SlidingWindowLimiter(settings.loginMaxFailures, LOGIN_WINDOW_MS);
		this.failuresByAddress = new SlidingWindowLimiter(settings.loginMaxFailures, LOGIN_WINDOW_MS);
	}

	/** True until the first account exists: the page then shows the setup screen. */
	async setupNeeded(): Promise<boolean> {
		return (await countUsers(this.db)) === 0;
	}

	/** Creates the first account as owner of every organization nobody owns yet, and signs it in. */
	async setup(input: { email: string; password: string; name: string }): Promise<SignedIn> {
		// One setup at a time in this process; the count check refuses a second one afterwards.
		while (this.setupInProgress) await this.setupInProgress.catch(() => {});
		const work = (async () => {
			if (!(await this.setupNeeded())) throw new AppError('conflict', 'OrganiChart is already set up. Sign in instead.');
			const signedIn = await this.signUp(input);
			await this.claimOwnerlessOrganizations(signedIn.user.id);
			return signedIn;
		})();
		this.setupInProgress = work;
		try {
			return await work;
		} finally {
			this.setupInProgress = undefined;
		}
	}

	/** ADMIN_EMAIL / ADMIN_PASSWORD at start: create that owner, or reset its password; it owns ownerless orgs. */
	async ensureAdmin(email: string, password: string): Promise<void> {
		const existing = await findUserByEmail(this.db, email);
		let userId: string;
		if (existing) {
			const context = await this.auth.$context;
			await context.internalAdapter.updatePassword(existing.id, await context.password.hash(password));
			userId = existing.id;
		} else {
			userId = (await this.signUp({ email, password, name: email.split('@')[0] })).user.id;
		}
		await this.claimOwnerlessOrganizations(userId);
	}

	/** Signs in; wrong credentials are one generic 401, too many failures a 429 with a retry time. */
	async login(email: string, password: string, address: string): Promise<SignedIn> {
		const accountKey = email.trim().toLowerCase();
		const wait = Math.max(this.failuresByAccount.retryAfterSeconds(accountKey), this.failuresByAddress.retryAfterSeconds(address));
		if (wait > 0) {
			throw new AppError('rate_limited', 'Too many failed sign-ins. Wait a while and try again.', { details: { retryAfter: wait } });
		}
		try {
			const result = await this.auth.api.signInEmail({ body: { email: accountKey, password }, returnHeaders: true });
			this.failuresByAccount.clear(accountKey);
			return { user: toSessionUser(result.response.user), cookies: result.headers.getSetCookie() };
		} catch (error) {
			if (!isAuthRefusal(error)) throw error;
			this.failuresByAccount.hit(accountKey);
			this.failuresByAddress.hit(address);
			throw new AppError('unauthorized', WRONG_CREDENTIALS);
		}
	}

	/** Ends the request's session; returns the Set-Cookie headers that clear it. */
	async logout(headers: Headers): Promise<string[]> {
		try {
			const result = await this.auth.api.signOut({ headers, returnHeaders: true });
			return result.headers.getSetCookie();
		} catch (error) {
			if (isAuthRefusal(error)) return [];
			throw error;
		}
	}

	/** The signed-in account behind these request headers, if the session is valid and not expired. */
	async sessionUser(headers: Headers): Promise<SessionUser | null> {
		if (!headers.get('cookie')) return null;
		const session = await this.auth.api.getSession({ headers, query: { disableRefresh: false } });
		return session ? toSessionUser(session.user) : null;
	}

	/** The organization, email and role an invitation token offers; 410 once used or expired. */
	async describeInvitation(token: string) {
		const invitation = await findInvitationByHash(this.db, hashToken(token));
		if (!invitation) throw new AppError('not_found', 'That invitation does not exist. Ask for a new one.');
		if (invitation.acceptedAt || invitation.expiresAt.getTime() <= Date.now()) {
			throw new AppError('gone', 'That invitation has been used or has expired. Ask for a new one.');
		}
		return invitation;
	}

	/**
	 * Accepts an invitation: creates the account (or, for an email that has one, checks its password)
	 * and the membership, and signs in. A used or expired token is a 410.
	 */
	async acceptInvitation(input: { token: string; name: string; password: string }): Promise<SignedIn & { invitation: InvitationRow }> {
		const invitation = await this.describeInvitation(input.token);
		const existing = await findUserByEmail(this.db, invitation.email);
		let signedIn: SignedIn;
		if (existing) {
			try {
				const result = await this.auth.api.signInEmail({ body: { email: invitation.email, password: input.password }, returnHeaders: true });
				signedIn = { user: toSessionUser(result.response.user), cookies: result.headers.getSetCookie() };
			} catch (error) {
				if (!isAuthRefusal(error)) throw error;
				throw new AppError('unauthorized', `${invitation.email} already has an account: enter its password to accept.`);
			}
		} else {
			signedIn = await this.signUp({ email: invitation.email, password: input.password, name: input.name });
		}
		if (!(await markInvitationAccepted(this.db, invitation.id))) {
			throw new AppError('gone', 'That invitation has been used or has expired. Ask for a new one.');
		}
		await upsertMembership(this.db, invitation.organizationId, signedIn.user.id, invitation.role);
		return { ...signedIn, invitation };
	}

	private async signUp(input: { email: string; password: string; name: string }): Promise<SignedIn> {
		try {
			const result = await this.auth.api.signUpEmail({
				body: { email: input.email.trim().toLowerCase(), password: input.password, name: input.name.trim() },
				returnHeaders: true
			});
			return { user: toSessionUser(result.response.user), cookies: result.headers.getSetCookie() };
		} catch (error) {
			const refusal = authRefusalMessage(error);
			if (refusal) throw new AppError('invalid_request', refusal, { cause: error });
			throw error;
		}
	}

	private async claimOwnerlessOrganizations(userId: string): Promise<void> {
		for (const orgId of await selectOwnerlessOrganizationIds(this.db)) await upsertMembership(this.db, orgId, userId, 'owner');
	}
}

function toSessionUser(user: { id: string; email: string; name: string }): SessionUser {
	return { id: user.id, email: user.email, name: user.name };
}

/** better-auth refuses with an APIError carrying an HTTP status below 500. */
function isAuthRefusal(error: unknown): boolean {
	const status = (error as { statusCode?: unknown })?.statusCode;
	return typeof status === 'number' && status >= 400 && status < 500;
}

/** better-auth's message for a refused sign-up (password too short, email taken…). */
function authRefusalMessage(error: unknown): string | undefined {
	if (!isAuthRefusal(error)) return undefined;
	const body = (error as { body?: { message?: unknown; code?: unknown } }).body;
	if (body?.code === 'USER_ALREADY_EXISTS' || body?.code === 'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL') return 'An account with that email already exists.';
	if (body?.code === 'PASSWORD_TOO_SHORT') return 'The password needs at least 8 characters.';
	if (body?.code === 'PASSWORD_TOO_LONG') return 'The password is too long (256 characters at most).';
	if (body?.code === 'INVALID_EMAIL') return 'That is not a valid email address.';
	return typeof body?.message === 'string' ? body.message : 'The account could not be created.';
}
