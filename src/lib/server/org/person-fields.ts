/**
 * What a person's fields may hold: one set of schemas for the service, the tools (whose JSON
 * Schema the model reads) and the REST bodies.
 */
import { z } from 'zod';
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from '$lib/protocol';

const emailFormat = z.email();
const isoDate = z.iso.date();

/** A text field whose type error says what is missing, not "expected string, received undefined". */
const text = (what: string) =>
	z
		.string({ error: (issue) => (issue.input === undefined ? `${what} is required.` : `${what} must be text.`) })
		.refine(isStorableText, `${what} ${UNSTORABLE_TEXT_MESSAGE}`);

/** A required short text, trimmed. */
const requiredText = (what: string, max: number) =>
	text(what).trim().min(1, `${what} cannot be empty.`).max(max, `${what} is limited to ${max} characters.`);

/** An optional short text, trimmed; empty means "none". */
const optionalText = (what: string, max: number) => text(what).trim().max(max, `${what} is limited to ${max} characters.`);

export const nameField = requiredText('The name', 120).describe('Full name, e.g. "Jane Smith".');
export const titleField = requiredText('The title', 120).describe('Job title, e.g. "Software Engineer".');
export const departmentField = optionalText('The department', 100).describe('Department, e.g. "Engineering".');
export const locationField = optionalText('The location', 100).describe('Office or city, e.g. "Berlin".');
export const emailField = optionalText('The email', 254)
	.refine((value) => value === '' || emailFormat.safeParse(value).success, 'Enter a valid email address.')
	.describe('Work email address; unique in the organization.');
export const startDateField = z
	.string()
	.trim()
	.refine((value) => value === '' || isoDate.safeParse(value).success, 'The start date must look like 2024-05-31.')
	.describe('First day, as YYYY-MM-DD.');
export const photoUrlField = optionalText('The photo URL', 2000)
	.refine((value) => value === '' || /^https?:\/\/\S+$/i.test(value), 'The photo URL must start with http:// or https://.')
	.describe('Link to a photo.');

/** A reference to a person: their name as people say it ("Jane", "jane smith") or their id. */
export const personRefField = text('The person')
	.trim()
	.min(1, 'Say which person: a name or an id.')
	.max(200, 'A person reference is limited to 200 characters.');

/** The editable fields of a person; every one optional. */
export const personChangesSchema = z.object({
	name: nameField.optional(),
	title: titleField.optional(),
	department: departmentField.nullable().optional(),
	email: emailField.nullable().optional(),
	location: locationField.nullable().optional(),
	startDate: startDateField.nullable().optional(),
	photoUrl: photoUrlField.nullable().optional()
});
export type PersonChanges = z.infer<typeof personChangesSchema>;

/** A new person; `manager` is a person reference, absent for the top of the chart. */
export const newPersonSchema = personChangesSchema.extend({
	name: nameField,
	title: titleField,
	manager: personRefField.nullable().optional()
});
export type NewPerson = z.infer<typeof newPersonSchema>;

/** Empty text means "none". */
export const blankToNull = (value: string | null | undefined): string | null | undefined =>
	value === '' ? null : value;
