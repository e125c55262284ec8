import { z } from 'zod';
import { AppError } from '../errors';
import { selectOrganizationById } from '../db/organizations';
import { getPerson, listRoots, toPersonRef } from '../db/people';
import { selectPeopleStatsCached } from '../db/people-stats';
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
			// Open roles sit in the chart (they have managers and may have reports) but are nobody yet.
			const [stats, roots] = await Promise.all([selectPeopleStatsCached(ctx.db, ctx.orgId), listRoots(ctx.db, ctx.orgId)]);
			const widest = stats.widest ? await getPerson(ctx.db, ctx.orgId, stats.widest.id) : undefined;
			const departments = new Map<string, number>();
			for (const { name, count } of stats.departments) {
				const key = name ?? NO_DEPARTMENT;
				departments.set(key, (departments.get(key) ?? 0) + count);
			}
			return {
				result: {
					organization: toOrganization(org),
					headcount: stats.headcount,
					vacancies: stats.vacancies,
					departments: [...departments.entries()]
						.map(([name, count]) => ({ name, count }))
						.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
					depth: stats.depth,
					managers: stats.managers,
					averageSpan: stats.managers > 0 ? Math.round((stats.reporting / stats.managers) * 10) / 10 : 0,
					widestSpan: widest && stats.widest ? { person: toPersonRef(widest), reports: stats.widest.reports } : null,
					roots: roots.map(toPersonRef)
				},
				touched: []
			};
		})
};
