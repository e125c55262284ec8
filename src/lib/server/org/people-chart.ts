/**
 * What the chart reads of a large organization, a piece at a time: the top levels, a manager's
 * reports page by page, a search, and the path from the root to one person. The query schemas
 * are shared with the OpenAPI description.
 */
import { z } from 'zod';
import { AppError } from '../errors';
import { isUuid } from '../ids';
import type { Database } from '../db';
import { searchPeopleRanked } from '../db/people-search';
import { countPeople, selectChartPerson, selectReportsPage, selectTopLevels, selectWithManagers, type ChartPerson, type ReportsCursor } from '../db/people-tree';
import { looseName } from './name-matching';

export type { ChartPerson } from '../db/people-tree';

/** Search answers count at most this many matches (`totalCapped` says so). */
export const SEARCH_COUNT_CAP = 1000;

const wholeNumber = (what: string, min: number, max: number, fallback: number) =>
	z.coerce
		.number({ error: `${what} must be a whole number.` })
		.int(`${what} must be a whole number.`)
		.min(min, `${what} must be between ${min} and ${max}.`)
		.max(max, `${what} must be between ${min} and ${max}.`)
		.default(fallback);

/** Query of GET /api/orgs/:org/people/top. */
export const topQuery = z.object({
	depth: wholeNumber('depth', 1, 10, 3).describe('Levels from the roots (1 = the roots only).'),
	limit: wholeNumber('limit', 1, 5000, 1000).describe('Stop after this many people.')
});

/** Query of GET /api/orgs/:org/people/:id/reports. */
export const reportsQuery = z.object({
	limit: wholeNumber('limit', 1, 1000, 100).describe('People per page.'),
	after: z.string().max(400).optional().describe('The `nextCursor` of the previous page.')
});

/** Query of GET /api/orgs/:org/people/search. */
export const searchQuery = z.object({
	q: z.string('q is required.').trim().min(1, 'q cannot be empty: say what to search for.').max(200, 'q is limited to 200 characters.'),
	limit: wholeNumber('limit', 1, 100, 20).describe('How many people to return.')
});

/** Parses a query string; a bad one is a 400 `invalid_arguments` naming what is wrong. */
export function parseQuery<Schema extends z.ZodType>(url: URL, schema: Schema): z.infer<Schema> {
	const parsed = schema.safeParse(Object.fromEntries(url.searchParams));
	if (!parsed.success) throw new AppError('invalid_arguments', parsed.error.issues.map((issue) => issue.message).join('; '), { cause: parsed.error });
	return parsed.data;
}

/** The roots and the levels below them; `total` is the organization's headcount. */
export async function chartTop(db: Database, orgId: string, query: z.infer<typeof topQuery>) {
	const [top, total] = await Promise.all([selectTopLevels(db, orgId, query.depth, query.limit), countPeople(db, orgId)]);
	return { people: top.people, total, truncated: top.truncated };
}

/** One page of a person's direct reports: `total` is how many they have, `nextCursor` where the next page starts. */
export async function chartReports(db: Database, orgId: string, id: string, query: z.infer<typeof reportsQuery>) {
	const after = query.after === undefined ? undefined : decodeCursor(query.after);
	const person = await requireChartPerson(db, orgId, id);
	const page = await selectReportsPage(db, person.id, query.limit, after);
	return { people: page.people, total: person.reportCount, nextCursor: page.last ? encodeCursor(page.last) : null };
}

/**
 * The best matches for `q` across name, title, department, email and location. Typo-tolerant
 * matches are looked for only when the others don't fill the page: ranking every trigram match of
 * a common title among 100,000 people took a second, for results no one would scroll down to.
 */
export async function chartSearch(db: Database, orgId: string, query: z.infer<typeof searchQuery>) {
	const folded = looseName(query.q);
	if (!folded) throw new AppError('invalid_arguments', 'q must contain letters or digits to search for.');
	const options = { limit: query.limit, countCap: SEARCH_COUNT_CAP };
	const exact = await searchPeopleRanked(db, orgId, folded, options);
	const found = exact.people.length >= query.limit ? exact : await searchPeopleRanked(db, orgId, folded, { ...options, fuzzy: true });
	return { people: found.people, total: found.total, ...(found.capped && { totalCapped: true }) };
}

/** The people from the root down to and including `id`. */
export async function chartPath(db: Database, orgId: string, id: string): Promise<{ people: ChartPerson[] }> {
	const chain = isUuid(id) ? await selectWithManagers(db, orgId, id) : null;
	if (!chain) throw notFound();
	return { people: chain.reverse() };
}

const notFound = () => new AppError('not_found', 'There is no person with that id in this organization.');

async function requireChartPerson(db: Database, orgId: string, id: string): Promise<ChartPerson> {
	const person = isUuid(id) ? await selectChartPerson(db, orgId, id) : undefined;
	if (!person) throw notFound();
	return person;
}

/** A cursor is the last person of a page (name and id), opaque to clients. */
export function encodeCursor(last: ReportsCursor): string {
	return Buffer.from(JSON.stringify([last.name, last.id])).toString('base64url');
}

const cursorShape = z.tuple([z.string().max(200), z.string().refine(isUuid)]);

function decodeCursor(text: string): ReportsCursor {
	let parsed: unknown;
	try {
		parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
	} catch {
		parsed = undefined;
	}
	const checked = cursorShape.safeParse(parsed);
	if (!checked.success) throw new AppError('invalid_arguments', 'after must be a nextCursor from a previous page.');
	return { name: checked.data[0], id: checked.data[1] };
}
