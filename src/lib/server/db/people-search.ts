/**
 * Free-text search over people in SQL, with the ranking of org/search-people.ts (searchPeopleIn, the
 * reference the tests hold this to): the name exactly, a name word by prefix, the name by fragment,
 * another field exactly, another field by fragment, then every query word starting a word somewhere.
 * The trigram index on `search_key` narrows the candidates first; optionally, fuzzy (trigram)
 * matches follow the others, for typos.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '.';
import { FIELD_SEPARATOR } from './people-keys';
import { selectChartPeople, selectRows, uuidArray, type ChartPerson } from './people-tree';

export type SearchOptions = {
	limit: number;
	/** Also return typo-tolerant trigram matches, after all the others. */
	fuzzy?: boolean;
	/** Stop counting here (the count then says `capped`); counts every match when absent. */
	countCap?: number;
};

export type SearchAnswer = { people: ChartPerson[]; total: number; capped: boolean };

/** The word and its plain singular ("engineers" → "engineer"), as searchPeopleIn reads plurals. */
export const wordVariants = (word: string): string[] => {
	const singular = word.replace(/(?<=[^s])s$/, '');
	return singular.length >= 3 && singular !== word ? [word, singular] : [word];
};

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);
const contains = (text: string) => `%${escapeLike(text)}%`;

/**
 * Searches the organization for `query`, already folded with looseName (non-empty), best first,
 * ties by name then id.
 */
export async function searchPeopleRanked(db: Database, organizationId: string, query: string, options: SearchOptions): Promise<SearchAnswer> {
	const parts = query.split(' ');
	// Every match of ranks 0–5 holds each query word's shortest variant somewhere in its text.
	const narrowed = sql.join(
		parts.map((part) => sql`p.search_key like ${contains(wordVariants(part).at(-1)!)}`),
		sql` and `
	);
	const words = sql`(' ' || translate(p.search_key, ${`${FIELD_SEPARATOR}@.,`}, '    '))`;
	const everyWordStarts = sql.join(
		parts.map((part) => sql`(${sql.join(wordVariants(part).map((variant) => sql`${words} like ${`% ${escapeLike(variant)}%`}`), sql` or `)})`),
		sql` and `
	);
	const rank = sql`case
		when p.name_key = ${query} then 0
		when p.name_key like ${`${escapeLike(query)}%`} or p.name_key like ${`% ${escapeLike(query)}%`} then 1
		when p.name_key like ${contains(query)} then 2
		when p.search_key like ${`%${FIELD_SEPARATOR}${escapeLike(query)}${FIELD_SEPARATOR}%`} then 3
		when p.search_key like ${contains(query)} then 4
		when ${everyWordStarts} then 5
		${options.fuzzy ? sql`when ${query} <% p.search_key then 6` : sql``}
	end`;
	const candidates: SQL = options.fuzzy ? sql`((${narrowed}) or ${query} <% p.search_key)` : sql`(${narrowed})`;
	const matching = sql`p.organization_id = ${organizationId} and ${candidates} and ${rank} is not null`;

	const ranked = await selectRows<{ id: string; rank: number }>(
		db,
		sql`select p.id, ${rank} as rank from people p where ${matching}
			order by 2, ${options.fuzzy ? sql`word_similarity(${query}, p.search_key) desc,` : sql``} p.name, p.id limit ${options.limit}`
	);
	const counted = await selectRows<{ count: number }>(
		db,
		options.countCap === undefined
			? sql`select count(*)::int as count from people p where ${matching}`
			: sql`select count(*)::int as count from (select 1 from people p where ${matching} limit ${options.countCap + 1}) as capped`
	);
	const count = Number(counted[0].count);
	const capped = options.countCap !== undefined && count > options.countCap;
	const found = ranked.length === 0 ? [] : await selectChartPeople(db, sql`p.id = any(${uuidArray(ranked.map((row) => row.id))})`);
	const byId = new Map(found.map((person) => [person.id, person]));
	return {
		people: ranked.map((row) => byId.get(row.id)).filter((person): person is ChartPerson => person !== undefined),
		total: capped ? options.countCap! : count,
		capped
	};
}
