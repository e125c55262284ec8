import { z } from 'zod';
import { previewUpdate } from '../org/change-preview';
import { toPerson } from '../db/people';
import { updatePerson } from '../org/people-service';
import {
	departmentField,
	dottedLineManagersField,
	emailField,
	locationField,
	nameField,
	personRefField,
	titleField,
	vacancyField
} from '../org/person-fields';
import { personArgumentHelp, runTool } from './outcome';
import type { ToolDefinition, UpdateUserResult } from './types';

const changes = z
	.object({
		name: nameField.optional(),
		title: titleField.optional(),
		department: departmentField.optional().describe('New department; an empty string clears it.'),
		email: emailField.optional().describe('New email; an empty string clears it.'),
		location: locationField.optional().describe('New location; an empty string clears it.'),
		vacancy: vacancyField.optional(),
		dottedLineManagerIds: dottedLineManagersField.optional()
	})
	.refine((value) => Object.values(value).some((field) => field !== undefined), 'Say at least one field to change.')
	.describe('Only the fields to change.');

const input = z.object({
	person: personRefField.describe(`Who to edit. ${personArgumentHelp}`),
	changes
});

export const updateUser: ToolDefinition<typeof input, UpdateUserResult> = {
	name: 'updateUser',
	description:
		"Change a person's name, title, department, email or location, whether the position is an open role (vacancy), or their dotted-line managers (dottedLineManagerIds: the whole list, at most 3). To change who someone reports to, use moveUser instead.",
	input,
	mutates: true,
	previewImpact: (ctx, args) => previewUpdate(ctx, args.person, args.changes),
	execute: (ctx, args) =>
		runTool(async () => {
			const { person, before, changed, changeId } = await updatePerson(ctx, args.person, args.changes);
			return { result: { person: toPerson(person), before: toPerson(before), changed, changeId }, touched: [person.id] };
		})
};
