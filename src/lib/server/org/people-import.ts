/**
 * CSV import: an HR system's export (or our own) read into one organization. `planImport` works out
 * what each row would do without writing (the preview); `applyImport` writes it all in one
 * transaction as one operation that can be undone, or nothing when any row has an error.
 *
 * People are matched to existing ones by id (our export's `id` column), else by email, else by
 * name. Managers are found by the file's own id column, by email, or by name — in the file first,
 * then among the people already there. Columns the file does not have leave those fields as they
 * are; an empty cell in a column it has clears the field.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import Papa from 'papaparse';
import type { z } from 'zod';
import type { Database } from '../db';
import { listPeople, updatePersonRow, type PersonRow } from '../db/people';
import { personKeys } from '../db/people-keys';
import { selectOrganizationById } from '../db/organizations';
import { AppError } from '../errors';
import { isUuid } from '../ids';
import type { OrgContext } from './context';
import { resolveColumns, type ImportField } from './import-columns';
import { looseName } from './name-matching';
import { describeChange, changeIdOf, inOrgTransaction, recordChange } from './org-transaction';
import {
	departmentField,
	emailField,
	locationField,
	MAX_DOTTED_LINES,
	newNameField,
	OPEN_ROLE_NAME,
	photoUrlField,
	titleField
} from './person-fields';

/** The manager of a row whose manager reference failed (already an error of that row). */
const UNRESOLVED = 'unresolved';

/** The most rows one import takes. */
export const MAX_IMPORT_ROWS = 100_000;
/** Rows listed in a preview beyond those with errors (every row with an error is always listed). */
export const MAX_PREVIEW_ROWS = 5_000;

export type ImportAction = 'add' | 'update' | 'unchanged';
export type ImportRowError = { column: string; message: string };
/** A row as it would be stored; `manager` names the manager (their name), `managerId` is set for existing managers. */
export type ImportedPerson = {
	id: string | null;
	name: string;
	title: string;
	department: string | null;
	email: string | null;
	location: string | null;
	manager: string | null;
	managerId: string | null;
	startDate: string | null;
	vacancy: boolean;
};
export type ImportRow = { line: number; action: ImportAction; person: ImportedPerson; errors: ImportRowError[] };
export type ImportSummary = { add: number; update: number; unchanged: number; errors: number };
export type ImportPreview = {
	summary: ImportSummary;
	rows: ImportRow[];
	/** Each header of the file and the field it was read as (null: not imported). */
	columns: { header: string; field: ImportField | null }[];
	/** Whether rows without errors were left out of `rows` (past MAX_PREVIEW_ROWS). */
	rowsTruncated: boolean;
};

export type ImportOptions = { mapping?: Record<string, string | null> };

type Cells = Partial<Record<ImportField, string>>;

/** One data row while planning: what the file says, who it is, and what it would become. */
type Planned = {
	line: number;
	cells: Cells;
	errors: ImportRowError[];
	/** The existing person it updates, if any. */
	existing: PersonRow | null;
	/** The id it has (existing) or will get (new). */
	id: string;
	fields: {
		name: string;
		title: string;
		department: string | null;
		email: string | null;
		location: string | null;
		startDate: string | null;
		photoUrl: string | null;
		vacancy: boolean;
	};
	/** undefined: keep the current manager (no manager column). */
	managerId?: string | null;
	dottedLineManagerIds?: string[];
};

/** The file as text: UTF-8 (a BOM is dropped); anything else is refused with where it went wrong. */
export function decodeCsv(bytes: Uint8Array): string {
	try {
		return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
	} catch {
		throw new AppError('invalid_csv', 'The file is not valid UTF-8 text. Export it as "CSV UTF-8" and try again.');
	}
}

type ParsedCsv = { headers: string[]; rows: { line: number; cells: string[] }[] };

/** Parses CSV (comma, semicolon or tab, quoted fields) with papaparse, keeping each row's line number. */
export function parseCsv(text: string): ParsedCsv {
	const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	if (body.trim() === '') throw new AppError('invalid_csv', 'The file is empty: it needs a header row and at least one person.');
	const rows: { line: number; cells: string[] }[] = [];
	let line = 1;
	let offset = 0;
	let fatal: string | null = null;
	let tooMany = false;
	Papa.parse<string[]>(body, {
		delimitersToGuess: [',', ';', '\t', '|'],
		skipEmptyLines: 'greedy',
		step: (result, parser) => {
			const end = result.meta.cursor;
			// Skip the previous row's line break and any blank lines, counting them, to find this row's first line.
			let index = offset;
			for (; index < end; index++) {
				const code = body.charCodeAt(index);
				if (code === 10) line++;
				else if (code !== 13 && code !== 32 && code !== 9) break;
			}
			const start = line;
			for (; index < end; index++) if (body.charCodeAt(index) === 10) line++;
			const quoteError = result.errors.find((error) => error.type === 'Quotes');
			if (quoteError) {
				fatal = `Line ${start}: a quoted field is never closed (a " is missing). Nothing was imported.`;
				parser.abort();
				return;
			}
			rows.push({ line: start, cells: result.data });
			offset = end;
			if (rows.length > MAX_IMPORT_ROWS + 1) {
				tooMany = true;
				parser.abort();
			}
		}
	});
	if (fatal) throw new AppError('invalid_csv', fatal);
	if (tooMany) throw new AppError('invalid_csv', `The file has more than ${MAX_IMPORT_ROWS.toLocaleString('en')} rows; split it into smaller files.`);
	const [header, ...data] = rows;
	if (!header || data.length === 0) throw new AppError('invalid_csv', 'The file needs a header row and at least one person below it.');
	return { headers: header.cells.map((cell) => cell.trim()), rows: data };
}

/** Our export prefixes formula-like cells with an apostrophe; reading them back removes it. */
const unneutralise = (value: string) => (/^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value);

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'x', 'open', 'vacant']);
const FALSE_WORDS = new Set(['', 'false', 'no', 'n', '0', 'filled']);

/** A date as YYYY-MM-DD: ISO (also with a time), DD.MM.YYYY, or M/D/YYYY (US exports); null when it is not one. */
export function parseImportDate(value: string): string | null {
	const text = value.trim();
	let year: number, month: number, day: number;
	let match: RegExpExecArray | null;
	if ((match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text))) [year, month, day] = [+match[1], +match[2], +match[3]];
	else if ((match = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(text))) [year, month, day] = [+match[1], +match[2], +match[3]];
	else if ((match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text))) [day, month, year] = [+match[1], +match[2], +match[3]];
	else if ((match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text))) [month, day, year] = [+match[1], +match[2], +match[3]];
	else return null;
	const date = new Date(Date.UTC(year, month - 1, day));
	if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || year < 1900 || year > 2200) return null;
	return date.toISOString().slice(0, 10);
}

/** Validates one text cell with the same schema the tools and REST use; the error names the column. */
function checkText(schema: z.ZodType<string>, value: string, column: string, errors: ImportRowError[]): string {
	const parsed = schema.safeParse(value);
	if (parsed.success) return parsed.data;
	errors.push({ column, message: parsed.error.issues[0]?.message ?? 'This value is not valid.' });
	return value.slice(0, 200);
}

const emailKey = (email: string) => email.trim().toLowerCase();

/** Finding people (in the file or already there) by id, email and name. */
class Directory {
	readonly byFileId = new Map<string, Planned>();
	readonly fileByEmail = new Map<string, Planned>();
	readonly fileByName = new Map<string, Planned[]>();
	readonly existingById = new Map<string, PersonRow>();
	readonly existingByEmail = new Map<string, PersonRow>();
	readonly existingByName = new Map<string, PersonRow[]>();

	constructor(existing: PersonRow[]) {
		for (const person of existing) {
			this.existingById.set(person.id, person);
			if (person.email) this.existingByEmail.set(emailKey(person.email), person);
			if (!person.vacancy) push(this.existingByName, looseName(person.name), person);
		}
	}

	addFileRow(row: Planned) {
		const fileId = row.cells.id?.trim();
		if (fileId) this.byFileId.set(fileId, row);
		if (row.fields.email) this.fileByEmail.set(emailKey(row.fields.email), row);
		if (!row.fields.vacancy || row.cells.name) push(this.fileByName, looseName(row.fields.name), row);
	}

	/** The person a reference names: `{ id }`, or an error message. */
	resolve(ref: string, kind: 'id' | 'email' | 'any', matchedIds: Set<string>): { id: string; name: string } | { error: string } {
		const text = ref.trim();
		if (kind === 'id' || (kind === 'any' && (this.byFileId.has(text) || isUuid(text)))) {
			const row = this.byFileId.get(text);
			if (row) return { id: row.id, name: row.fields.name };
			const person = isUuid(text) ? this.existingById.get(text.toLowerCase()) ?? this.existingById.get(text) : undefined;
			if (person) return { id: person.id, name: person.name };
			if (kind === 'id') return { error: `No one in the file or the organization has the id "${clipRef(text)}".` };
		}
		if (kind === 'email' || text.includes('@')) {
			const row = this.fileByEmail.get(emailKey(text));
			if (row) return { id: row.id, name: row.fields.name };
			const person = this.existingByEmail.get(emailKey(text));
			if (person) return { id: person.id, name: person.name };
			if (kind === 'email') return { error: `No one in the file or the organization has the email ${clipRef(text)}.` };
		}
		const key = looseName(text);
		const inFile = this.fileByName.get(key) ?? [];
		const fileIds = new Set(inFile.map((row) => row.id));
		// People already there who are not also a row of the file (a row that updates them counts once).
		const outside = (this.existingByName.get(key) ?? []).filter((person) => !fileIds.has(person.id) && !matchedIds.has(person.id));
		const candidates = [...inFile.map((row) => ({ id: row.id, name: row.fields.name, where: `line ${row.line}` })), ...outside.map((person) => ({ id: person.id, name: person.name, where: 'already in the chart' }))];
		if (candidates.length === 1) return candidates[0];
		if (candidates.length > 1) {
			return { error: `"${clipRef(text)}" could be ${candidates.length} people (${candidates.slice(0, 3).map((c) => c.where).join(', ')}); use their email instead.` };
		}
		return { error: `No one named "${clipRef(text)}" is in the file or the organization.` };
	}
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
	const list = map.get(key);
	if (list) list.push(value);
	else map.set(key, [value]);
}

const clipRef = (text: string) => (text.length > 60 ? `${text.slice(0, 60)}…` : text);

/** Works out what importing the file would do; reads the organization, writes nothing. */
export async function planImport(db: Database, orgId: string, csv: string, options: ImportOptions = {}): Promise<{ preview: ImportPreview; plan: Planned[] }> {
	const org = await selectOrganizationById(db, orgId);
	if (!org) throw new AppError('not_found', 'This organization does not exist.');
	const parsed = parseCsv(csv);
	const { columns, error } = resolveColumns(parsed.headers, options.mapping);
	if (error) throw new AppError('invalid_request', error);
	const has = (field: ImportField) => columns.includes(field);
	if (!has('name') && !(has('firstName') || has('lastName')) && !has('vacancy')) {
		throw new AppError('invalid_csv', `No column holds the name. Name one "name" (or "Full Name", or "First Name" and "Last Name"), or map it. Columns: ${parsed.headers.slice(0, 20).map((h) => `"${clipRef(h)}"`).join(', ')}.`);
	}
	if (!has('title')) throw new AppError('invalid_csv', 'No column holds the job title. Name one "title" (or "Job Title"), or map it.');

	const existing = await listPeople(db, orgId);
	const directory = new Directory(existing);
	const matchedBy = new Map<string, Planned>();
	const plan: Planned[] = [];

	// Pass 1: each row's own fields, and who it is.
	for (const { line, cells: raw } of parsed.rows) {
		const cells: Cells = {};
		const errors: ImportRowError[] = [];
		if (raw.length > parsed.headers.length && raw.slice(parsed.headers.length).some((cell) => cell.trim() !== '')) {
			errors.push({ column: '', message: `The row has ${raw.length} cells but the header has ${parsed.headers.length} columns.` });
		}
		columns.forEach((field, index) => {
			if (field) cells[field] = unneutralise((raw[index] ?? '').trim());
		});
		const vacancyText = (cells.vacancy ?? '').toLowerCase();
		const vacancy = TRUE_WORDS.has(vacancyText);
		if (!vacancy && !FALSE_WORDS.has(vacancyText)) errors.push({ column: 'vacancy', message: `"${clipRef(cells.vacancy ?? '')}" is not true or false.` });
		const rawName = cells.name ?? [cells.firstName, cells.lastName].filter(Boolean).join(' ');
		let name = checkText(newNameField, rawName, 'name', errors);
		if (!name) {
			if (vacancy) name = OPEN_ROLE_NAME;
			else errors.push({ column: 'name', message: 'The name is empty (only an open role, with vacancy true, may go without one).' });
		}
		const optional = (schema: z.ZodType<string>, value: string | undefined, column: string) => {
			const checked = value === undefined ? '' : checkText(schema, value, column, errors);
			return checked === '' ? null : checked;
		};
		const startText = cells.startDate ?? '';
		const startDate = startText === '' ? null : parseImportDate(startText);
		if (startText !== '' && !startDate) errors.push({ column: 'start_date', message: `"${clipRef(startText)}" is not a date; use 2024-05-31.` });
		const fields = {
			name,
			title: checkText(titleField, cells.title ?? '', 'title', errors),
			department: optional(departmentField, cells.department, 'department'),
			email: optional(emailField, cells.email, 'email'),
			location: optional(locationField, cells.location, 'location'),
			startDate,
			photoUrl: optional(photoUrlField, cells.photoUrl, 'photo_url'),
			vacancy
		};
		// Who it is: our id, else the email, else the name (only when one person has it).
		let match: PersonRow | null = null;
		const fileId = cells.id?.trim();
		if (fileId && isUuid(fileId)) match = directory.existingById.get(fileId) ?? null;
		if (!match && fields.email) match = directory.existingByEmail.get(emailKey(fields.email)) ?? null;
		if (!match && !fields.email && !vacancy && rawName) {
			const named = directory.existingByName.get(looseName(name)) ?? [];
			if (named.length === 1) match = named[0];
			else if (named.length > 1) errors.push({ column: 'name', message: `${named.length} people named "${clipRef(name)}" are already in the chart; add an email column to say which.` });
		}
		if (match) {
			const earlier = matchedBy.get(match.id);
			if (earlier) {
				errors.push({ column: fields.email ? 'email' : 'name', message: `This is the same person as line ${earlier.line} (${clipRef(match.name)}).` });
				match = null;
			}
		}
		const row: Planned = { line, cells, errors, existing: match, id: match?.id ?? randomUUID(), fields };
		if (match) matchedBy.set(match.id, row);
		plan.push(row);
	}
	// Duplicate emails within the file.
	const firstWithEmail = new Map<string, Planned>();
	for (const row of plan) {
		if (!row.fields.email) continue;
		const key = emailKey(row.fields.email);
		const first = firstWithEmail.get(key);
		if (first) row.errors.push({ column: 'email', message: `${row.fields.email} is also the email of line ${first.line}.` });
		else firstWithEmail.set(key, row);
		directory.addFileRow(row);
	}
	for (const row of plan) if (!row.fields.email) directory.addFileRow(row);
	const matchedIds = new Set(matchedBy.keys());

	// Pass 2: managers and dotted lines.
	const managerColumns = (['managerId', 'managerEmail', 'manager'] as const).filter(has);
	for (const row of plan) {
		if (managerColumns.length > 0) {
			// The most exact reference the row gives: the file's id, else an email, else a name (or an email) in "manager".
			const column = managerColumns.find((field) => (row.cells[field] ?? '').trim() !== '');
			if (!column) row.managerId = null;
			else {
				const found = directory.resolve(row.cells[column]!, column === 'managerId' ? 'id' : column === 'managerEmail' ? 'email' : 'any', matchedIds);
				if ('error' in found) row.errors.push({ column: 'manager', message: `Unknown manager: ${found.error}` });
				else if (found.id === row.id) row.errors.push({ column: 'manager', message: `${clipRef(row.fields.name)} cannot be their own manager.` });
				else row.managerId = found.id;
				// A manager that could not be found is not "no manager": the row is no second top person.
				if (row.managerId === undefined) row.managerId = UNRESOLVED;
			}
		} else if (!row.existing) row.managerId = null;
		if (has('dottedLineManagers')) {
			const text = row.cells.dottedLineManagers ?? '';
			let refs = text.split(/[;,|]/).map((part) => part.trim()).filter(Boolean);
			if (refs.length === 1 && refs[0].split(/\s+/).every(isUuid)) refs = refs[0].split(/\s+/);
			const ids: string[] = [];
			for (const ref of refs) {
				const found = directory.resolve(ref, 'any', matchedIds);
				if ('error' in found) row.errors.push({ column: 'dotted_line_manager_ids', message: `Unknown dotted-line manager: ${found.error}` });
				else if (found.id === row.id) row.errors.push({ column: 'dotted_line_manager_ids', message: 'A person cannot have a dotted line to themselves.' });
				else if (!ids.includes(found.id)) ids.push(found.id);
			}
			if (ids.length > MAX_DOTTED_LINES) row.errors.push({ column: 'dotted_line_manager_ids', message: `At most ${MAX_DOTTED_LINES} dotted-line managers.` });
			row.dottedLineManagerIds = ids;
		}
	}

	// Pass 3: the chart as it would be — emails taken by people outside the file, cycles, roots.
	const rowById = new Map(plan.map((row) => [row.id, row]));
	for (const row of plan) {
		if (!row.fields.email) continue;
		const holder = directory.existingByEmail.get(emailKey(row.fields.email));
		if (holder && holder.id !== row.id && !rowById.has(holder.id)) {
			row.errors.push({ column: 'email', message: `${row.fields.email} is already the email of ${clipRef(holder.name)}.` });
		}
	}
	const managerOf = new Map<string, string | null>();
	for (const person of existing) managerOf.set(person.id, person.managerId);
	for (const row of plan) managerOf.set(row.id, row.managerId === undefined ? (row.existing?.managerId ?? null) : row.managerId);
	findCycles(managerOf, (cycle) => {
		const names = cycle.map((id) => rowById.get(id)?.fields.name ?? directory.existingById.get(id)?.name ?? 'someone');
		for (const id of cycle) {
			rowById.get(id)?.errors.push({ column: 'manager', message: `Reporting cycle: ${[...names, names[0]].map(clipRef).join(' → ')}.` });
		}
	});
	if (!org.allowMultipleRoots) {
		const roots = [...managerOf].filter(([, manager]) => manager === null).map(([id]) => id);
		if (roots.length > 1) {
			// Keep the person already at the top (when the file does not move them), else the file's first root.
			const keep = roots.find((id) => !rowById.has(id)) ?? roots.find((id) => rowById.get(id)?.existing && rowById.get(id)!.existing!.managerId === null) ?? roots[0];
			const kept = rowById.get(keep)?.fields.name ?? directory.existingById.get(keep)?.name ?? 'someone';
			for (const id of roots) {
				if (id === keep) continue;
				rowById.get(id)?.errors.push({ column: 'manager', message: `Two people at the top: ${clipRef(rowById.get(id)!.fields.name)} has no manager, and neither has ${clipRef(kept)}. Give one of them a manager.` });
			}
		}
	}

	const nameOf = (id: string | null | undefined) => (id && id !== UNRESOLVED ? (rowById.get(id)?.fields.name ?? directory.existingById.get(id)?.name ?? null) : null);
	const rows: ImportRow[] = [];
	const summary: ImportSummary = { add: 0, update: 0, unchanged: 0, errors: 0 };
	let listed = 0;
	let rowsTruncated = false;
	for (const row of plan) {
		const action: ImportAction = !row.existing ? 'add' : isUnchanged(row) ? 'unchanged' : 'update';
		if (row.errors.length > 0) summary.errors++;
		else summary[action]++;
		const managerId = row.managerId === undefined ? (row.existing?.managerId ?? null) : row.managerId;
		if (row.errors.length === 0 && listed >= MAX_PREVIEW_ROWS) {
			rowsTruncated = true;
			continue;
		}
		if (row.errors.length === 0) listed++;
		rows.push({
			line: row.line,
			action,
			person: { id: row.existing?.id ?? null, ...row.fields, manager: nameOf(managerId), managerId: managerId && directory.existingById.has(managerId) ? managerId : null },
			errors: row.errors
		});
	}
	return {
		preview: { summary, rows, columns: parsed.headers.map((header, index) => ({ header, field: columns[index] })), rowsTruncated },
		plan
	};
}

/** Whether a matched row would change nothing. */
function isUnchanged(row: Planned): boolean {
	const before = row.existing!;
	const { fields, cells } = row;
	const same = (value: string | null, stored: string | null) => (value ?? null) === (stored ?? null);
	if (cells.name !== undefined || cells.firstName !== undefined || cells.lastName !== undefined) if (fields.name !== before.name) return false;
	if (fields.title !== before.title) return false;
	if (cells.department !== undefined && !same(fields.department, before.department)) return false;
	if (cells.email !== undefined && !same(fields.email, before.email)) return false;
	if (cells.location !== undefined && !same(fields.location, before.location)) return false;
	if (cells.startDate !== undefined && !same(fields.startDate, before.startDate)) return false;
	if (cells.photoUrl !== undefined && !same(fields.photoUrl, before.photoUrl)) return false;
	if (cells.vacancy !== undefined && fields.vacancy !== before.vacancy) return false;
	if (row.managerId !== undefined && row.managerId !== before.managerId) return false;
	if (row.dottedLineManagerIds !== undefined && row.dottedLineManagerIds.join() !== (before.dottedLineManagerIds ?? []).join()) return false;
	return true;
}

/** Calls `report` once per reporting cycle in the manager graph (iterative, linear in its size). */
function findCycles(managerOf: Map<string, string | null>, report: (cycle: string[]) => void): void {
	const state = new Map<string, 1 | 2>(); // 1: on the current path, 2: done
	for (const start of managerOf.keys()) {
		if (state.has(start)) continue;
		const path: string[] = [];
		let id: string | null | undefined = start;
		while (id && !state.has(id) && managerOf.has(id)) {
			state.set(id, 1);
			path.push(id);
			id = managerOf.get(id);
		}
		if (id && state.get(id) === 1) report(path.slice(path.indexOf(id)));
		for (const seen of path) state.set(seen, 2);
	}
}

/** The import's fields for a stored row: only the columns the file has. */
function storedChanges(row: Planned) {
	const { fields, cells } = row;
	const changes: Partial<PersonRow> = { name: fields.name, title: fields.title };
	if (cells.department !== undefined) changes.department = fields.department;
	if (cells.email !== undefined) changes.email = fields.email;
	if (cells.location !== undefined) changes.location = fields.location;
	if (cells.startDate !== undefined) changes.startDate = fields.startDate;
	if (cells.photoUrl !== undefined) changes.photoUrl = fields.photoUrl;
	if (cells.vacancy !== undefined) changes.vacancy = fields.vacancy;
	if (row.managerId !== undefined) changes.managerId = row.managerId;
	if (row.dottedLineManagerIds !== undefined) changes.dottedLineManagerIds = row.dottedLineManagerIds;
	return changes;
}

/** New people per INSERT: one JSON parameter each, so a large file takes a few dozen statements. */
const INSERT_BATCH = 2000;

/**
 * Inserts new people as one JSON array unpacked by the database (json_populate_recordset): at
 * 100,000 rows a query builder's per-value parameters cost more than the writing itself. The
 * timestamps are the database's own (the JSON leaves them out).
 */
async function insertPeopleRows(tx: Database, rows: PersonRow[]): Promise<void> {
	const records = rows.map((row) => ({
		id: row.id,
		organization_id: row.organizationId,
		name: row.name,
		title: row.title,
		department: row.department,
		email: row.email,
		location: row.location,
		start_date: row.startDate,
		photo_url: row.photoUrl,
		vacancy: row.vacancy,
		manager_id: row.managerId,
		dotted_line_manager_ids: row.dottedLineManagerIds,
		name_key: row.nameKey,
		search_key: row.searchKey
	}));
	await tx.execute(sql`
		insert into people (id, organization_id, name, title, department, email, location, start_date, photo_url, vacancy, manager_id, dotted_line_manager_ids, name_key, search_key)
		select id, organization_id, name, title, department, email, location, start_date, photo_url, vacancy, manager_id, dotted_line_manager_ids, name_key, search_key
		from json_populate_recordset(null::people, ${JSON.stringify(records)}::json)`);
}

export type ImportProgress = (done: number, total: number) => void;

/**
 * Applies the file: everything in one transaction, recorded as one operation ("Import from CSV: …")
 * that can be undone; when any row has an error it writes nothing and throws `import_errors` with
 * the preview in `details`.
 */
export async function applyImport(
	ctx: OrgContext,
	csv: string,
	options: ImportOptions & { onProgress?: ImportProgress } = {}
): Promise<{ summary: ImportSummary; changeId: string | null }> {
	return inOrgTransaction(ctx, async (tx) => {
		// Planned again under the organization's lock, so what is written matches what was checked.
		const { preview, plan } = await planImport(tx, ctx.orgId, csv, options);
		if (preview.summary.errors > 0) {
			const rows = preview.rows.filter((row) => row.errors.length > 0);
			throw new AppError('import_errors', `${preview.summary.errors} ${preview.summary.errors === 1 ? 'row has' : 'rows have'} errors; nothing was imported. The first: line ${rows[0].line}, ${rows[0].errors[0].column || 'row'}: ${rows[0].errors[0].message}`, {
				details: { summary: preview.summary, rows }
			});
		}
		const adds = orderManagersFirst(plan.filter((row) => !row.existing));
		const updates = plan.filter((row) => row.existing && !isUnchanged(row));
		const total = adds.length + updates.length;
		let done = 0;
		// New people first (managers before their reports, so every manager exists), without the managers they get from updated rows.
		for (let start = 0; start < adds.length; start += INSERT_BATCH) {
			const batch = adds.slice(start, start + INSERT_BATCH);
			const now = new Date();
			const rows: PersonRow[] = batch.map((row) => ({
				id: row.id,
				organizationId: ctx.orgId,
				name: row.fields.name,
				title: row.fields.title,
				department: row.fields.department,
				email: row.fields.email,
				location: row.fields.location,
				startDate: row.fields.startDate,
				photoUrl: row.fields.photoUrl,
				vacancy: row.fields.vacancy,
				managerId: row.managerId ?? null,
				dottedLineManagerIds: row.dottedLineManagerIds ?? [],
				// The folded copies name matching and search narrow by.
				...personKeys(row.fields),
				createdAt: now,
				updatedAt: now
			}));
			await insertPeopleRows(tx, rows);
			for (const person of rows) await recordChange(tx, ctx, 'create', null, person);
			done += batch.length;
			options.onProgress?.(done, total);
		}
		for (const row of updates) {
			const after = await updatePersonRow(tx, row.id, storedChanges(row));
			await recordChange(tx, ctx, row.existing!.managerId !== after.managerId ? 'move' : 'update', row.existing!, after);
			done++;
			if (done % INSERT_BATCH === 0 || done === total) options.onProgress?.(done, total);
		}
		const { summary } = preview;
		const parts = [summary.add > 0 && `${summary.add} added`, summary.update > 0 && `${summary.update} updated`].filter(Boolean);
		const named = total <= 3 ? ` (${[...adds, ...updates].map((row) => row.fields.name).join(', ')})` : '';
		describeChange(tx, `Import from CSV: ${parts.join(', ') || 'no changes'}${named}`);
		return { summary, changeId: changeIdOf(tx) };
	});
}

/** New rows ordered so each comes after its manager when the manager is new too. */
function orderManagersFirst(rows: Planned[]): Planned[] {
	const byId = new Map(rows.map((row) => [row.id, row]));
	const ordered: Planned[] = [];
	const placed = new Set<string>();
	for (const row of rows) {
		const chain: Planned[] = [];
		for (let current: Planned | undefined = row; current && !placed.has(current.id); current = current.managerId ? byId.get(current.managerId) : undefined) {
			chain.push(current);
			placed.add(current.id);
		}
		ordered.push(...chain.reverse());
	}
	return ordered;
}
