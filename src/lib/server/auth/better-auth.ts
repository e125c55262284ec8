/**
 * Accounts and sessions through better-auth: it hashes passwords and signs session cookies, on
 * the app's own database through its Drizzle adapter. Its HTTP handler is not mounted: the app's
 * routes (`/api/auth/*`) call its server API, so the contract stays ours.
 */
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import type { Database } from '../db';
import { account, session, user, verification } from '../db/schema';

export const SESSION_COOKIE_PREFIX = 'organichart';
/** Sessions last a week and are extended once a day while used. */
const SESSION_DAYS = 7;

export type AuthSettings = { secret: string };

/** The better-auth instance for this database. */
export function createAuth(db: Database, settings: AuthSettings) {
	return betterAuth({
		appName: 'OrganiChart',
		// Only used for links better-auth would build itself; the app's routes are the ones served.
		baseURL: 'http://localhost',
		secret: settings.secret,
		database: drizzleAdapter(db, { provider: 'pg', schema: { user, session, account, verification } }),
		emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 256, autoSignIn: true },
		session: { expiresIn: SESSION_DAYS * 24 * 3600, updateAge: 24 * 3600 },
		// The app limits login failures itself (per account and per IP); better-auth's limiter would count differently.
		rateLimit: { enabled: false },
		telemetry: { enabled: false },
		advanced: {
			cookiePrefix: SESSION_COOKIE_PREFIX,
			defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', path: '/' },
			// The app's own handle checks Host and Origin for every request before this code runs.
			disableCSRFCheck: true,
			disableOriginCheck: true
		},
		logger: { disabled: true }
	});
}

export type Auth = ReturnType<typeof createAuth>;
