import { z } from 'zod';
import { previewAdd } from '../org/change-preview';
import { toPerson, toPersonRef } from '../db/people';
import { peopleNamedExactly } from '../db/people-names';
import { looseName } from '../org/name-matching';
import { createPerson } from '../org/people-service';
import {
	departmentField,
	dottedLineManagersField,
	emailField,
	locationField,
	newNameField,
	OPEN_ROLE_NAME,
	personRefField,
	titleField,
	vacancyField
} from '../org/person-fields';
import { personArgumentHelp, runTool } from './outcome';
import type { AddUserResult, ToolDefinition } from './types';

const input = z.object({
	name: newNameField.describe(`Full name, e.g. "Jane Smith". For an open role (vacancy: true) give an empty string: it is called "${OPEN_ROLE_NAME}".`),
	title: titleField,
	manager: personRefField.optional().describe(`Who the new person reports to. ${personArgumentHelp}`),
	department: departmentField.optional().describe("Department; leave it out to use the manager's department."),
	email: emailField.optional(),
	location: locationField.optional(),
	vacancy: vacancyField.optional(),
	dottedLineManagerIds: dottedLineManagersField.optional()
});

export const addUser: ToolDefinition<typeof input, AddUserResult> = {
	name: 'addUser',
	description:
		"Add a new person to the organization under a manager. Give the manager whenever the organization already has people: only one person can be at the top. Without a department, the person joins their manager's department. For an open role (a position nobody fills yet) set vacancy: true and give the title; the name may be left out. dottedLineManagerIds names up to 3 secondary managers.",
	input,
	mutates: true,
	previewImpact: (ctx, args) => previewAdd(ctx, { ...args, name: args.name || (args.vacancy ? OPEN_ROLE_NAME : '') }),
	execute: (ctx, args) =>
		runTool(async () => {
			const { person, manager, changeId } = await createPerson(ctx, args);
			// Two people may share a name, but it is worth saying: later requests by name will be ambiguous.
			const key = looseName(person.name);
			const namesakes = person.vacancy
				? []
				: (await peopleNamedExactly(ctx.db, ctx.orgId, key)).filter((other) => other.id !== person.id && !other.vacancy && looseName(other.name) === key);
			return {
				result: {
					person: toPerson(person),
					manager: manager ? toPersonRef(manager) : null,
					...(namesakes.length > 0 && { namesakes: namesakes.map(toPersonRef) }),
					changeId
				},
				touched: [person.id, ...(manager ? [manager.id] : [])]
			};
		})
};
