/**
 * Which CSV column holds which field, from the headers HR systems export (BambooHR, Workday, HiBob,
 * Google Workspace) and our own export. Headers are compared without case, spaces or punctuation,
 * so "Reports To", "reports_to" and "REPORTS-TO" are the same.
 */

export const IMPORT_FIELDS = [
	'name',
	'firstName',
	'lastName',
	'title',
	'department',
	'email',
	'location',
	'manager',
	'managerEmail',
	'managerId',
	'startDate',
	'vacancy',
	'dottedLineManagers',
	'photoUrl',
	'id'
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

const ALIASES: Record<ImportField, string[]> = {
	name: ['name', 'full name', 'fullname', 'employee name', 'employee', 'display name', 'preferred full name', 'worker', 'legal name'],
	firstName: ['first name', 'first name required', 'firstname', 'given name', 'preferred name', 'legal first name', 'name first'],
	lastName: ['last name', 'last name required', 'lastname', 'surname', 'family name', 'legal last name', 'name last'],
	title: ['title', 'job title', 'jobtitle', 'position', 'position title', 'business title', 'job', 'job profile', 'role', 'designation', 'employee title'],
	department: ['department', 'dept', 'department name', 'team', 'division', 'supervisory organization', 'cost center', 'org unit'],
	email: ['email', 'work email', 'email address', 'email address required', 'primary email', 'work email address', 'email primary work', 'primary work email', 'e-mail', 'mail', 'business email'],
	location: ['location', 'office', 'work location', 'location name', 'site', 'city', 'building', 'work site'],
	manager: ['manager', 'reports to', 'manager name', 'supervisor', 'supervisor name', 'line manager', 'direct manager', 'reporting to', 'manager full name'],
	managerEmail: ['manager email', 'manager email address', 'reports to email', 'supervisor email', 'manager work email', 'line manager email'],
	managerId: ['manager id', 'manager_id', 'reports to id', 'supervisor id', 'manager employee id', 'manager employee number', 'reports to employee id'],
	startDate: ['start date', 'start_date', 'hire date', 'date of hire', 'original hire date', 'hired on', 'employment start date', 'start'],
	vacancy: ['vacancy', 'open role', 'is vacancy', 'vacant', 'open position', 'is open'],
	dottedLineManagers: ['dotted line manager ids', 'dotted_line_manager_ids', 'dotted line managers', 'dotted line manager', 'secondary manager', 'matrix manager', 'dotted line'],
	photoUrl: ['photo', 'photo url', 'photo_url', 'avatar', 'avatar url', 'picture', 'image url'],
	id: ['id', 'employee id', 'employee number', 'employee #', 'worker id', 'person id', 'staff id', 'user id']
};

/** A header as compared: lower case, letters and digits only. */
export const headerKey = (header: string) =>
	header
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9#]+/g, '');

const FIELD_BY_KEY = new Map<string, ImportField>();
for (const field of IMPORT_FIELDS) for (const alias of ALIASES[field]) FIELD_BY_KEY.set(headerKey(alias), field);

/** The field each header maps to by default (null: not imported). */
export function guessColumns(headers: string[]): (ImportField | null)[] {
	const taken = new Set<ImportField>();
	return headers.map((header) => {
		const field = FIELD_BY_KEY.get(headerKey(header)) ?? null;
		// The first column of a kind wins; a second "Email" column is not imported.
		if (!field || taken.has(field)) return null;
		taken.add(field);
		return field;
	});
}

/**
 * The columns to use: the guesses, overridden by `mapping` (header → field, or null/"" to skip one).
 * An unknown header or field in the mapping is an error message.
 */
export function resolveColumns(headers: string[], mapping: Record<string, string | null> | undefined): { columns: (ImportField | null)[]; error?: string } {
	const columns = guessColumns(headers);
	if (!mapping) return { columns };
	for (const [header, field] of Object.entries(mapping)) {
		const index = headers.findIndex((candidate) => candidate === header || headerKey(candidate) === headerKey(header));
		if (index === -1) return { columns, error: `The column mapping names "${header.slice(0, 80)}", which is not a column of this file.` };
		if (field === null || field === '') {
			columns[index] = null;
			continue;
		}
		if (!(IMPORT_FIELDS as readonly string[]).includes(field)) {
			return { columns, error: `The column mapping maps "${header.slice(0, 80)}" to "${String(field).slice(0, 40)}", which is not a field. Fields: ${IMPORT_FIELDS.join(', ')}.` };
		}
		// Mapping a field to a column takes it away from the column that had it.
		for (let other = 0; other < columns.length; other++) if (columns[other] === field) columns[other] = null;
		columns[index] = field as ImportField;
	}
	return { columns };
}
