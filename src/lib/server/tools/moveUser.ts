import { z } from 'zod';
import { previewMove } from '../org/change-preview';
import { toPerson, toPersonRef } from '../db/people';
import { movePerson } from '../org/people-service';
import { personRefField } from '../org/person-fields';
import { personArgumentHelp, runTool } from './outcome';
import type { MoveUserResult, ToolDefinition } from './types';

const input = z.object({
	person: personRefField.describe(`Who moves. ${personArgumentHelp}`),
	newManager: personRefField.describe(`Their new manager. ${personArgumentHelp}`)
});

export const moveUser: ToolDefinition<typeof input, MoveUserResult> = {
	name: 'moveUser',
	description:
		'Change who a person reports to. Their own reports stay with them. Refused if it would create a reporting cycle (someone ending up above their own manager).',
	input,
	mutates: true,
	previewImpact: (ctx, args) => previewMove(ctx, args.person, args.newManager),
	execute: (ctx, args) =>
		runTool(async () => {
			const { person, oldManager, newManager, changeId } = await movePerson(ctx, args.person, args.newManager);
			// movePerson was given a manager, so it always returns one; the check keeps the type honest.
			if (!newManager) throw new Error('moveUser: the service returned no new manager.');
			return {
				result: {
					person: toPerson(person),
					oldManager: oldManager ? toPersonRef(oldManager) : null,
					newManager: toPersonRef(newManager),
					changeId
				},
				touched: [person.id, newManager.id, ...(oldManager ? [oldManager.id] : [])]
			};
		})
};
