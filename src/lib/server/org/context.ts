/**
 * The context every operation on an organization runs in: which database, which organization,
 * and who acts with which role. It lives here, below the tools and the REST routes, so that every
 * door (the model's tools, REST, later MCP or imports) hands the same thing to the same operations.
 */
import type { Database } from '../db';
import type { PersonRef } from '$lib/protocol';

/** Roles in an organization, lowest first: each one may do what the ones before it may. */
export const roles = ['viewer', 'editor', 'admin', 'owner'] as const;
export type Role = (typeof roles)[number];

/** True when `role` ranks at or above `min`. */
export function roleAtLeast(role: Role, min: Role): boolean {
	return roles.indexOf(role) >= roles.indexOf(min);
}

/** Who acts. The org and the role always come from the server, never from a model or a request body. */
export type Actor = {
	kind: 'user' | 'token' | 'assistant';
	/** The account acting (for a token: its creator; for the assistant: the user it answers). Absent only for system work such as seeding. */
	userId?: string;
	/** The role in this org that every permission check reads. */
	role: Role;
	tokenId?: string;
	runId?: string;
	conversationId?: string;
};

/** Who acts, on which organization, through which database. */
export type OrgContext = { db: Database; orgId: string; actor: Actor };

export type ToolErrorCode =
	| 'invalid_arguments'
	| 'not_found'
	| 'forbidden'
	| 'ambiguous'
	| 'cycle'
	| 'cross_org'
	| 'duplicate_email'
	| 'multiple_roots'
	/** Undo refused: later changes touched the same people, or restoring would break a rule. */
	| 'conflict'
	/** The user declined the change, or left it unanswered until the approval timed out. */
	| 'denied'
	/** More calls in one model turn than MAX_TOOL_CALLS_PER_TURN; the extra ones did not run. */
	| 'too_many_calls'
	| 'internal';

/** A failure the caller (the model, too) sees as data and can recover from (e.g. pick one of `candidates`). */
export type ToolError = { code: ToolErrorCode; message: string; candidates?: PersonRef[] };

