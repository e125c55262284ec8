import { z } from 'zod';
import { previewRemove } from '../org/change-preview';
import { toPersonRef } from '../db/people';
import { removePerson } from '../org/people-service';
import { personRefField } from '../org/person-fields';
import { personArgumentHelp, runTool } from './outcome';
import type { RemoveUserResult, ToolDefinition } from './types';

const input = z.object({
	person: personRefField.describe(`Who leaves the organization. ${personArgumentHelp}`),
	reassignReportsTo: personRefField
		.optional()
		.describe(`Who takes over their direct reports; leave it out to give them to the removed person's manager. ${personArgumentHelp}`)
});

export const removeUser: ToolDefinition<typeof input, RemoveUserResult> = {
	name: 'removeUser',
	description:
		"Remove a person from the organization. Their direct reports move to reassignReportsTo, or else to the removed person's own manager. The person at the top can only be removed when reassignReportsTo names who takes over.",
	input,
	mutates: true,
	previewImpact: (ctx, args) => previewRemove(ctx, args.person, args.reassignReportsTo),
	execute: (ctx, args) =>
		runTool(async () => {
			const { removed, reassignedTo, reassigned, changeId } = await removePerson(ctx, args.person, args.reassignReportsTo);
			return {
				result: {
					removed: toPersonRef(removed),
					reassignedTo: reassignedTo ? toPersonRef(reassignedTo) : null,
					reassigned: reassigned.map(toPersonRef),
					changeId
				},
				// The removed person is gone; their former manager's team is what changed on the chart.
				touched: [
					...new Set([
						...(removed.managerId ? [removed.managerId] : []),
						...(reassignedTo ? [reassignedTo.id] : []),
						...reassigned.map((person) => person.id)
					])
				]
			};
		})
};
