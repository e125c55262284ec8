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
/** A new person's name: empty only for an open role, which the service then names "Open role". */
export const newNameField = optionalText('The name', 120);
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

/** What an open role is called: a vacancy has a title and may go without a name. */
export const OPEN_ROLE_NAME = 'Open role';

export const vacancyField = z
	.boolean({ error: 'vacancy must be true or false.' })
	.describe(`True for an open role: a position with a title and nobody in it yet (its name may be left out; it is then "${OPEN_ROLE_NAME}").`);

export const MAX_DOTTED_LINES = 3;
export const dottedLineManagersField = z
	.array(personRefField, { error: 'dottedLineManagerIds must be a list of people.' })
	.max(MAX_DOTTED_LINES, `A person can have at most ${MAX_DOTTED_LINES} dotted-line managers.`)
	.describe(
		`Secondary (dotted-line) managers besides the solid-line manager: at most ${MAX_DOTTED_LINES} people of the same organization, each a name or an id. The whole list; an empty list clears it.`
	);

/** The editable fields of a person; every one optional. */
export const personChangesSchema = z.object({
	name: nameField.optional(),
	title: titleField.optional(),
	department: departmentField.nullable().optional(),
	email: emailField.nullable().optional(),
	location: locationField.nullable().optional(),
	startDate: startDateField.nullable().optional(),
	photoUrl: photoUrlField.nullable().optional(),
	vacancy: vacancyField.optional(),
	dottedLineManagerIds: dottedLineManagersField.optional()
});
export type PersonChanges = z.infer<typeof personChangesSchema>;

/**
 * A new person; `manager` is a person reference, absent for the top of the chart. The name may be
 * empty or absent here only for open roles: the service refuses a person without one.
 */
export const newPersonSchema = personChangesSchema.extend({
	name: newNameField.optional(),
	title: titleField,
	manager: personRefField.nullable().optional()
});
export type NewPerson = z.infer<typeof newPersonSchema>;

/** Empty text means "none". */
export const blankToNull = (value: string | null | undefined): string | null | undefined =>
	value === '' ? null : value;

const managerIdField = z.uuid('managerId must be a person id.').nullable();

/** Body of POST /api/orgs/:org/people: the manager by `managerId`, or by `manager` (a name or id). */
export const newPersonBody = newPersonSchema
	.extend({ managerId: managerIdField.optional() })
	.strict()
	.refine((body) => !(body.managerId && body.manager), 'Give managerId or manager, not both.');

/** Body of PATCH /api/orgs/:org/people/:id: fields and/or the manager (`managerId` null moves to the top). */
export const editPersonBody = personChangesSchema
	.extend({ managerId: managerIdField.optional(), manager: personRefField.nullable().optional() })
	.strict()
	.refine((body) => !(body.managerId && body.manager), 'Give managerId or manager, not both.');

/** Body of DELETE /api/orgs/:org/people/:id (optional): who takes the removed person's reports. */
export const removePersonBody = z.object({ reassignReportsTo: personRefField.optional() }).strict();
