/**
 * The shape of a tool: one definition serves the model (JSON Schema from zod), the REST API and tests.
 * Result types here are the contract the offline assistant and the chat UI read.
 */
import type { z } from 'zod';
import type { ChangeSummary, Person, PersonRef } from '$lib/protocol';
import type { OrgContext, ToolError } from '../org/context';
import type { ChangeImpact } from '../org/change-preview';

export type { PersonRef } from '$lib/protocol';
export type { ToolError, ToolErrorCode } from '../org/context';

/** The tools run in the context of any operation on the organization. */
export type ToolContext = OrgContext;

export type ToolOutcome<Result> =
	| { ok: true; result: Result; touched: string[] }
	| { ok: false; error: ToolError };

/** What a change would do, worked out before it runs (the approval policy weighs it; the user reads it). */
export type ToolImpact = ChangeImpact;

export type ToolDefinition<Schema extends z.ZodType = z.ZodType, Result = unknown> = {
	name: string;
	description: string;
	input: Schema;
	/** True when the tool changes people (the chart reloads; the action is audited). */
	mutates: boolean;
	execute: (ctx: ToolContext, input: z.infer<Schema>) => Promise<ToolOutcome<Result>>;
	/**
	 * For tools that change people: what this call would change, read without writing. A refusal
	 * (unknown person, cycle…) is thrown as the same AppError `execute` would report.
	 */
	previewImpact?: (ctx: ToolContext, input: z.infer<Schema>) => Promise<ToolImpact>;
};

// ---- Results, per tool ----

export type PersonDetail = Person & { manager: PersonRef | null; directReports: PersonRef[] };

export type GetUserInformationResult = { person: PersonDetail };
export type SearchPeopleResult = { query: string; total: number; people: Person[] };
/** `namesakes`: people already in the org with the same name (the add still happens). */
/**
 * `changeId` on every mutating result: the operation that recorded it, which undoChange (and
 * POST /api/orgs/:org/changes/:id/undo) reverts; null only when the call changed nothing.
 */
export type Recorded = { changeId: string | null };
export type AddUserResult = { person: Person; manager: PersonRef | null; namesakes?: PersonRef[] } & Recorded;
export type UpdateUserResult = { person: Person; before: Person; changed: string[] } & Recorded;
export type MoveUserResult = { person: Person; oldManager: PersonRef | null; newManager: PersonRef } & Recorded;
export type RemoveUserResult = { removed: PersonRef; reassignedTo: PersonRef | null; reassigned: PersonRef[] } & Recorded;
/** `change`: the new operation; `undone`: the one it reverted. */
export type UndoChangeResult = { change: ChangeSummary; undone: ChangeSummary } & Recorded;
export type ReportEntry = PersonRef & { managerId: string; level: number };
/** `total` counts everyone; `reports` is one page of them, and `nextOffset` (when present) where the next starts. */
export type GetReportsResult = { person: PersonRef; depth: 'direct' | 'all'; total: number; reports: ReportEntry[]; nextOffset?: number };
/** `chain` runs from the immediate manager up to the root. */
export type GetChainOfCommandResult = { person: PersonRef; chain: PersonRef[] };
export type GetOrgStatsResult = {
	organization: { id: string; slug: string; name: string };
	/** People, open roles excluded. */
	headcount: number;
	/** Open roles (people with `vacancy: true`), counted apart from the headcount. */
	vacancies: number;
	departments: { name: string; count: number }[];
	/** Levels from the root down (a lone root is depth 1). */
	depth: number;
	managers: number;
	averageSpan: number;
	widestSpan: { person: PersonRef; reports: number } | null;
	roots: PersonRef[];
};
