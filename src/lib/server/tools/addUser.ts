import { z } from 'zod';
import { previewAdd } from '../org/change-preview';
import { listPeople, toPerson, toPersonRef } from '../db/people';
import { looseName } from '../org/name-matching';
import { createPerson } from '../org/people-service';
import { departmentField, emailField, locationField, nameField, personRefField, titleField } from '../org/person-fields';
import { personArgumentHelp, runTool } from './outcome';
import type { AddUserResult, ToolDefinition } from './types';

const input = z.object({
	name: nameField,
	title: titleField,
	manager: personRefField.optional().describe(`Who the new person reports to. ${personArgumentHelp}`),
	department: departmentField.optional().describe("Department; leave it out to use the manager's department."),
	email: emailField.optional(),
	location: locationField.optional()
});

export const addUser: ToolDefinition<typeof input, AddUserResult> = {
	name: 'addUser',
	description:
		"Add a new person to the organization under a manager. Give the manager whenever the organization already has people: only one person can be at the top. Without a department, the person joins their manager's department.",
	input,
	mutates: true,
	previewImpact: (ctx, args) => previewAdd(ctx, args),
	execute: (ctx, args) =>
		runTool(async () => {
			const { person, manager } = await createPerson(ctx, args);
			// Two people may share a name, but it is worth saying: later requests by name will be ambiguous.
			const key = looseName(person.name);
			const namesakes = (await listPeople(ctx.db, ctx.orgId)).filter((other) => other.id !== person.id && looseName(other.name) === key);
			return {
				result: {
					person: toPerson(person),
					manager: manager ? toPersonRef(manager) : null,
					...(namesakes.length > 0 && { namesakes: namesakes.map(toPersonRef) })
				},
				touched: [person.id, ...(manager ? [manager.id] : [])]
			};
		})
};
