import { z } from 'zod';
import { AppError } from '../errors';
import { selectOrganizationById } from '../db/organizations';
import { listPeople, toPersonRef } from '../db/people';
import { Hierarchy } from '../org/hierarchy';
import { toOrganization } from '../org/organizations';
import { runTool } from './outcome';
import type { GetOrgStatsResult, ToolDefinition } from './types';

const input = z.object({});

const NO_DEPARTMENT = 'No department';

export const getOrgStats: ToolDefinition<typeof input, GetOrgStatsResult> = {
	name: 'getOrgStats',
	description:
		'Summarize the organization: headcount (open roles excluded), open roles (vacancies), people per department, number of levels, number of managers, average and widest span of control (direct reports per manager), and who is at the top.',
	input,
	mutates: false,
	execute: (ctx) =>
		runTool(async () => {
			const org = await selectOrganizationById(ctx.db, ctx.orgId);
			if (!org) throw new AppError('not_found', 'This organization does not exist.');
			const hierarchy = new Hierarchy(await listPeople(ctx.db, ctx.orgId));
			// Open roles sit in the chart (they have managers and may have reports) but are nobody yet.
			const staff = hierarchy.people.filter((person) => !person.vacancy);
			const departments = new Map<string, number>();
			for (const person of staff) {
				const name = person.department ?? NO_DEPARTMENT;
				departments.set(name, (departments.get(name) ?? 0) + 1);
			}
			const spans = [...hierarchy.reportsOf.entries()]
				.map(([managerId, reports]) => ({ manager: hierarchy.byId.get(managerId), reports: reports.length }))
				.filter((span) => span.manager !== undefined);
			const widest = spans.reduce<(typeof spans)[number] | undefined>(
				(best, span) => (!best || span.reports > best.reports ? span : best),
				undefined
			);
			const reportCount = spans.reduce((sum, span) => sum + span.reports, 0);
			return {
				result: {
					organization: toOrganization(org),
					headcount: staff.length,
					vacancies: hierarchy.people.length - staff.length,
					departments: [...departments.entries()]
						.map(([name, count]) => ({ name, count }))
						.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
					depth: hierarchy.depth(),
					managers: spans.length,
					averageSpan: spans.length > 0 ? Math.round((reportCount / spans.length) * 10) / 10 : 0,
					widestSpan: widest?.manager ? { person: toPersonRef(widest.manager), reports: widest.reports } : null,
					roots: hierarchy.roots().map(toPersonRef)
				},
				touched: []
			};
		})
};
