import { z } from 'zod';
import { listManagersOf, toPersonRef } from '../db/people';
import { personRefField } from '../org/person-fields';
import { requirePerson } from '../org/resolve';
import { personArgumentHelp, runTool } from './outcome';
import type { GetChainOfCommandResult, ToolDefinition } from './types';

const input = z.object({ person: personRefField.describe(`Whose managers to list. ${personArgumentHelp}`) });

export const getChainOfCommand: ToolDefinition<typeof input, GetChainOfCommandResult> = {
	name: 'getChainOfCommand',
	description:
		"List a person's managers, from their immediate manager up to the top of the organization. An empty chain means the person is at the top.",
	input,
	mutates: false,
	execute: (ctx, args) =>
		runTool(async () => {
			const person = await requirePerson(ctx.db, ctx.orgId, args.person);
			const chain = (await listManagersOf(ctx.db, person)).map(toPersonRef);
			return {
				result: { person: toPersonRef(person), chain },
				touched: [person.id, ...chain.map((manager) => manager.id)]
			};
		})
};
