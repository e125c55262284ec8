import { z } from 'zod';
import { listPeople, toPersonRef } from '../db/people';
import { Hierarchy } from '../org/hierarchy';
import { personRefField } from '../org/person-fields';
import { requirePerson } from '../org/resolve';
import { personArgumentHelp, runTool } from './outcome';
import type { GetReportsResult, ToolDefinition } from './types';

const input = z.object({
	person: personRefField.describe(`Whose reports to list. ${personArgumentHelp}`),
	depth: z
		.enum(['direct', 'all'])
		.optional()
		.describe('"direct" (default): only the people who report to them directly; "all": their whole team, every level below.')
});

export const getReports: ToolDefinition<typeof input, GetReportsResult> = {
	name: 'getReports',
	description:
		'List the people who report to someone: their direct reports, or with depth "all" everyone below them, each with their level (1 = direct report) and manager.',
	input,
	mutates: false,
	execute: (ctx, args) =>
		runTool(async () => {
			const person = await requirePerson(ctx.db, ctx.orgId, args.person);
			const depth = args.depth ?? 'direct';
			const hierarchy = new Hierarchy(await listPeople(ctx.db, ctx.orgId));
			const below = hierarchy
				.subtreeOf(person.id)
				.filter((entry) => depth === 'all' || entry.level === 1)
				.sort((a, b) => a.level - b.level || a.person.name.localeCompare(b.person.name));
			const reports = below.map(({ person: report, level }) => ({
				...toPersonRef(report),
				managerId: report.managerId ?? person.id,
				level
			}));
			return {
				result: { person: toPersonRef(person), depth, total: reports.length, reports },
				touched: [person.id, ...reports.map((report) => report.id)]
			};
		})
};
