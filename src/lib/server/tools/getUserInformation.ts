import { z } from 'zod';
import { getPerson, listDirectReports, toPerson, toPersonRef } from '../db/people';
import { personRefField } from '../org/person-fields';
import { requirePerson } from '../org/resolve';
import { personArgumentHelp, runTool } from './outcome';
import type { GetUserInformationResult, ToolDefinition } from './types';

const input = z.object({ person: personRefField.describe(`Who to look up. ${personArgumentHelp}`) });

export const getUserInformation: ToolDefinition<typeof input, GetUserInformationResult> = {
	name: 'getUserInformation',
	description:
		"Look up one person in the organization: their title, department, email, location, start date, manager and direct reports. Use it before changing someone, or to answer questions about a person.",
	input,
	mutates: false,
	execute: (ctx, { person: ref }) =>
		runTool(async () => {
			const person = await requirePerson(ctx.db, ctx.orgId, ref);
			const manager = person.managerId ? await getPerson(ctx.db, ctx.orgId, person.managerId) : undefined;
			const reports = await listDirectReports(ctx.db, ctx.orgId, person.id);
			return {
				result: {
					person: {
						...toPerson(person),
						manager: manager ? toPersonRef(manager) : null,
						directReports: reports.map(toPersonRef)
					}
				},
				touched: [person.id]
			};
		})
};
