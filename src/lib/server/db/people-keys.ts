/**
 * The folded copies of a person's text that SQL narrows names and searches with (`name_key`,
 * `search_key`). They are computed here, in JavaScript, with the very folding name matching uses,
 * so a query narrowed in SQL can never miss someone the matching rules would have found.
 */
import { eq, isNull, or, sql } from 'drizzle-orm';
import type { Database } from '.';
import { looseName } from '../org/name-matching';
import { people } from './schema';

type Searchable = { name: string; title: string; department: string | null; location: string | null; email: string | null };

export type PersonKeys = { nameKey: string; searchKey: string };

/** Separates the fields of `search_key`; folded text never holds one (looseName turns it into a space). */
export const FIELD_SEPARATOR = '\n';

/**
 * `nameKey`: looseName(name). `searchKey`: name, title, department, location and email folded,
 * each between separators, the name first ("\nname\ntitle\ndepartment\nlocation\nemail\n").
 */
export function personKeys(person: Searchable): PersonKeys {
	const fields = [person.name, person.title, person.department, person.location, person.email].map((value) => (value ? looseName(value) : ''));
	return { nameKey: fields[0], searchKey: `${FIELD_SEPARATOR}${fields.join(FIELD_SEPARATOR)}${FIELD_SEPARATOR}` };
}

const BATCH = 2000;

/**
 * Fills the keys of rows written outside the app (a bulk import in SQL, an older version), a batch
 * at a time; run at start, before requests are served. Returns how many rows it filled.
 */
export async function fillMissingPeopleKeys(db: Database): Promise<number> {
	let filled = 0;
	for (;;) {
		const rows = await db
			.select({ id: people.id, name: people.name, title: people.title, department: people.department, location: people.location, email: people.email })
			.from(people)
			.where(or(isNull(people.nameKey), isNull(people.searchKey)))
			.limit(BATCH);
		if (rows.length === 0) return filled;
		const values = rows.map((row) => ({ id: row.id, ...personKeys(row) }));
		// One statement per batch; the values travel as one JSON parameter.
		await db.execute(sql`
			update ${people} set name_key = v."nameKey", search_key = v."searchKey"
			from json_to_recordset(${JSON.stringify(values)}::json) as v(id uuid, "nameKey" text, "searchKey" text)
			where ${people.id} = v.id`);
		filled += rows.length;
	}
}

/** Brings one stored row's keys up to date with its fields (after an edit); a no-op when they already are. */
export async function refreshPersonKeys(
	db: Database,
	row: Searchable & { id: string; nameKey: string | null; searchKey: string | null }
): Promise<PersonKeys> {
	const keys = personKeys(row);
	if (keys.nameKey !== row.nameKey || keys.searchKey !== row.searchKey) {
		await db.update(people).set(keys).where(eq(people.id, row.id));
	}
	return keys;
}
