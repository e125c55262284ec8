import { z } from 'zod';
import { toPersonRef } from '../db/people';
import { selectSubtreePage } from '../db/people-tree';
import { personRefField } from '../org/person-fields';
import { requirePerson } from '../org/resolve';
import { personArgumentHelp, runTool } from './outcome';
import type { GetReportsResult, ToolDefinition } from './types';

/** People per call unless the caller asks for another page size. */
export const REPORTS_PAGE_DEFAULT = 100;
const REPORTS_PAGE_MAX = 500;

const input = z.object({
	person: personRefField.describe(`Whose reports to list. ${personArgumentHelp}`),
	depth: z
		.enum(['direct', 'all'])
		.optional()
		.describe('"direct" (default): only the people who report to them directly; "all": their whole team, every level below.'),
	limit: z
		.number()
		.int()
		.min(1)
		.max(REPORTS_PAGE_MAX)
		.optional()
		.describe(`How many people to list at most (default ${REPORTS_PAGE_DEFAULT}, at most ${REPORTS_PAGE_MAX}); "total" always counts them all.`),
	offset: z.number().int().min(0).optional().describe('Skip this many (for the next page: the "nextOffset" of the previous result).')
});

export const getReports: ToolDefinition<typeof input, GetReportsResult> = {
	name: 'getReports',
	description:
		'List the people who report to someone: their direct reports, or with depth "all" everyone below them, each with their level (1 = direct report) and manager. "total" counts them all; a large team comes a page at a time ("nextOffset" says where the next page starts).',
	input,
	mutates: false,
	execute: (ctx, args) =>
		runTool(async () => {
			const person = await requirePerson(ctx.db, ctx.orgId, args.person);
			const depth = args.depth ?? 'direct';
			const limit = args.limit ?? REPORTS_PAGE_DEFAULT;
			const offset = args.offset ?? 0;
			const { total, entries } = await selectSubtreePage(ctx.db, person, { limit, offset, directOnly: depth === 'direct' });
			const reports = entries.map((entry) => ({ ...toPersonRef(entry), managerId: entry.managerId, level: entry.level }));
			const next = offset + reports.length;
			return {
				result: { person: toPersonRef(person), depth, total, reports, ...(next < total && { nextOffset: next }) },
				touched: [person.id, ...reports.map((report) => report.id)]
			};
		})
};
