/**
 * Narrowing name matching in SQL: each query returns the few people who could match a name as
 * typed (by the folded `name_key`), to whom org/name-matching.ts then applies its rules. Every
 * query keeps the people whose key is unknown yet, so narrowing never hides anyone.
 */
import { and, asc, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '.';
import type { PersonRow } from './people';
import { people } from './schema';

export type NameCandidate = Pick<PersonRow, 'id' | 'name' | 'title' | 'vacancy'>;

function candidates(db: Database, organizationId: string, condition: SQL): Promise<NameCandidate[]> {
	return db
		.select({ id: people.id, name: people.name, title: people.title, vacancy: people.vacancy })
		.from(people)
		.where(and(eq(people.organizationId, organizationId), or(isNull(people.nameKey), condition)))
		.orderBy(asc(people.name), asc(people.id));
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

/** People whose folded name is exactly `key`. */
export function peopleNamedExactly(db: Database, organizationId: string, key: string): Promise<NameCandidate[]> {
	return candidates(db, organizationId, eq(people.nameKey, key));
}

/** People whose folded name holds every one of `parts` (trigram-indexed for parts of three letters or more). */
export function peopleNamedWithParts(db: Database, organizationId: string, parts: string[]): Promise<NameCandidate[]> {
	return candidates(db, organizationId, and(...parts.map((part) => sql`${people.nameKey} like ${`%${escapeLike(part)}%`}`))!);
}

/**
 * People whose folded name, or one word of it, is within `distance` edits of `key` (Levenshtein:
 * a swap of neighbouring letters counts two here, so callers pass twice the swaps-count-one bound).
 */
export function peopleNamedNear(db: Database, organizationId: string, key: string, distance: number): Promise<NameCandidate[]> {
	// Cheap length checks first; most names have two words, read with split_part rather than unnest per row.
	const near = (text: SQL) =>
		sql`(length(${text}) between ${key.length - distance} and ${key.length + distance} and levenshtein_less_equal(${text}, ${key}, ${distance}) <= ${distance})`;
	const word = (index: number) => sql`split_part(${people.nameKey}, ' ', ${index})`;
	return candidates(
		db,
		organizationId,
		sql`(${near(sql`${people.nameKey}`)} or ${near(word(1))} or ${near(word(2))}
			or (${people.nameKey} like '% % %' and exists (select 1 from unnest(string_to_array(${people.nameKey}, ' ')) as word where ${near(sql`word`)})))`
	);
}
