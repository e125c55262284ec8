/**
 * The paged people API the chart uses for large organizations: the top levels, a manager's
 * reports page by page, a search, and the path down to one person. Every call goes through
 * `requestJson`, like the rest of the browser's API calls.
 */
import { z } from 'zod';
import { personSchema } from '$lib/protocol';
import { requestJson } from './api';

/** A person as the chart's routes return them: with how many people report to them directly. */
export const chartPersonSchema = personSchema.extend({ reportCount: z.number().int().nonnegative() });
export type ChartPerson = z.infer<typeof chartPersonSchema>;

const topSchema = z.object({ people: z.array(chartPersonSchema), total: z.number(), truncated: z.boolean() });
const reportsSchema = z.object({ people: z.array(chartPersonSchema), total: z.number(), nextCursor: z.string().nullable() });
const searchSchema = z.object({ people: z.array(chartPersonSchema), total: z.number(), totalCapped: z.boolean().optional() });
const pathSchema = z.object({ people: z.array(chartPersonSchema) });

export type TopPeople = z.infer<typeof topSchema>;
export type ReportsPage = z.infer<typeof reportsSchema>;
export type PeopleSearch = z.infer<typeof searchSchema>;

const base = (org: string) => `/api/orgs/${encodeURIComponent(org)}/people`;

/** The roots and the levels below them (`depth` levels in all), breadth first; `total` is the headcount. */
export function getTopPeople(org: string, depth: number, limit: number): Promise<TopPeople> {
	return requestJson(`${base(org)}/top?${new URLSearchParams({ depth: String(depth), limit: String(limit) })}`, topSchema);
}

/** One page of a manager's direct reports (by name); pass `nextCursor` back as `after` for the next. */
export function getReportsPage(org: string, managerId: string, limit: number, after?: string | null): Promise<ReportsPage> {
	const query = new URLSearchParams({ limit: String(limit), ...(after && { after }) });
	return requestJson(`${base(org)}/${encodeURIComponent(managerId)}/reports?${query}`, reportsSchema);
}

/** The best matches for `query` across name, title, department, email and location. */
export function searchChartPeople(org: string, query: string, limit: number): Promise<PeopleSearch> {
	return requestJson(`${base(org)}/search?${new URLSearchParams({ q: query, limit: String(limit) })}`, searchSchema);
}

/** The chain from the root down to and including the person. */
export async function getPathTo(org: string, personId: string): Promise<ChartPerson[]> {
	return (await requestJson(`${base(org)}/${encodeURIComponent(personId)}/path`, pathSchema)).people;
}
