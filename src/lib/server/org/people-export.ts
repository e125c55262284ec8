/**
 * The whole organization as data to take elsewhere: JSON with exact values, and CSV for
 * spreadsheets (formula-like cells neutralised). Both carry the columns the import reads, so an
 * export imports back as the same people under the same managers.
 */
import Papa from 'papaparse';
import type { Organization } from '$lib/protocol';
import type { Database } from '../db';
import { listPeople, type PersonRow } from '../db/people';

/** One person as exported: `manager` is the manager's email, else their name; `managerId` pins it exactly. */
export type ExportedPerson = {
	name: string;
	title: string;
	department: string | null;
	email: string | null;
	location: string | null;
	manager: string | null;
	managerId: string | null;
	startDate: string | null;
	id: string;
};

export type PeopleExport = { organization: Pick<Organization, 'id' | 'slug' | 'name'>; people: ExportedPerson[] };

/** Everyone in the organization, managers before their reports (so an importer meets each manager first). */
export async function exportPeople(db: Database, org: Pick<Organization, 'id' | 'slug' | 'name'>): Promise<PeopleExport> {
	const rows = await listPeople(db, org.id);
	const byId = new Map(rows.map((row) => [row.id, row]));
	const managerRef = (row: PersonRow): string | null => {
		const manager = row.managerId ? byId.get(row.managerId) : undefined;
		return manager ? (manager.email ?? manager.name) : null;
	};
	return {
		organization: { id: org.id, slug: org.slug, name: org.name },
		people: topDown(rows).map((row) => ({
			name: row.name,
			title: row.title,
			department: row.department,
			email: row.email,
			location: row.location,
			manager: managerRef(row),
			managerId: row.managerId,
			startDate: row.startDate,
			id: row.id
		}))
	};
}

/** Rows ordered breadth-first from the roots (each level by name, as listPeople sorts); strays last. */
function topDown(rows: PersonRow[]): PersonRow[] {
	const ids = new Set(rows.map((row) => row.id));
	const reports = new Map<string, PersonRow[]>();
	for (const row of rows) {
		if (row.managerId && ids.has(row.managerId)) reports.set(row.managerId, [...(reports.get(row.managerId) ?? []), row]);
	}
	const ordered = rows.filter((row) => !row.managerId || !ids.has(row.managerId));
	const seen = new Set(ordered.map((row) => row.id));
	for (let i = 0; i < ordered.length; i++) {
		for (const report of reports.get(ordered[i].id) ?? []) {
			if (!seen.has(report.id)) {
				seen.add(report.id);
				ordered.push(report);
			}
		}
	}
	// A cycle cannot be stored, but an export must never drop anyone.
	return [...ordered, ...rows.filter((row) => !seen.has(row.id))];
}

/** The CSV header, in the order of the import's columns. */
export const CSV_COLUMNS = ['name', 'title', 'department', 'email', 'location', 'manager', 'manager_id', 'start_date', 'id'] as const;

/**
 * A spreadsheet runs a cell that starts with one of these as a formula (`=HYPERLINK(…)` can leak
 * data); a leading apostrophe makes it text, as OWASP advises for CSV injection.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Neutralises a cell a spreadsheet would read as a formula. */
export function neutraliseFormula(value: string): string {
	return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The export as CSV: UTF-8 with a BOM (so Excel reads it as UTF-8), a header row, RFC 4180 quoting, CRLF line ends. */
export function peopleCsv({ people }: PeopleExport): string {
	const cell = (value: string | null) => neutraliseFormula(value ?? '');
	const data = people.map((person) => [
		cell(person.name),
		cell(person.title),
		cell(person.department),
		cell(person.email),
		cell(person.location),
		cell(person.manager),
		cell(person.managerId),
		cell(person.startDate),
		cell(person.id)
	]);
	return `\uFEFF${Papa.unparse({ fields: [...CSV_COLUMNS], data }, { newline: '\r\n', quotes: false, escapeFormulae: false })}\r\n`;
}
