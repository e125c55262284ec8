/** Ranking people against a free-text query over name, title, department, location and email. */
import { looseName } from './name-matching';

type Searchable = { name: string; title: string; department: string | null; location: string | null; email: string | null };

/** The word and its plain singular ("engineers" → "engineer"), so plural questions still match titles. */
const variants = (word: string): string[] => {
	const singular = word.replace(/(?<=[^s])s$/, '');
	return singular.length >= 3 && singular !== word ? [word, singular] : [word];
};

/** 0 is the best match; undefined means no match. */
function rank(person: Searchable, query: string): number | undefined {
	const name = looseName(person.name);
	const others = [person.title, person.department, person.location, person.email]
		.filter((value): value is string => Boolean(value))
		.map(looseName);
	if (name === query) return 0;
	if (name.startsWith(query) || name.split(' ').some((word) => word.startsWith(query))) return 1;
	if (name.includes(query)) return 2;
	if (others.some((value) => value === query)) return 3;
	if (others.some((value) => value.includes(query))) return 4;
	const words = [name, ...others].join(' ').split(/[\s@.,]+/);
	const everyWordFound = query
		.split(' ')
		.every((part) => variants(part).some((variant) => words.some((word) => word.startsWith(variant))));
	return everyWordFound ? 5 : undefined;
}

/** The people matching the query, best first, then by name. */
export function searchPeopleIn<T extends Searchable>(people: T[], query: string): T[] {
	const normalized = looseName(query);
	if (!normalized) return [];
	return people
		.map((person) => ({ person, score: rank(person, normalized) }))
		.filter((entry): entry is { person: T; score: number } => entry.score !== undefined)
		.sort((a, b) => a.score - b.score || a.person.name.localeCompare(b.person.name))
		.map(({ person }) => person);
}
