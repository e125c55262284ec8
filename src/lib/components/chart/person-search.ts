/** Finding people by name, title, department, email or location for the chart's search box. */
import type { Person } from '$lib/protocol';

/** Folds case, accents and punctuation: "obrien" finds "O'Brien", "anne marie" finds "Anne-Marie". */
const normalize = (text: string) =>
	text
		.normalize('NFKD')
		.replace(/\p{Diacritic}/gu, '')
		.toLowerCase()
		.replace(/['’`.]/g, '')
		.replace(/[-_]/g, ' ');

/** How well a person matches (lower is better), or null for no match. */
function rank(person: Person, query: string): number | null {
	const name = normalize(person.name);
	if (name.startsWith(query)) return 0;
	if (name.split(/\s+/).some((word) => word.startsWith(query))) return 1;
	if (name.includes(query)) return 2;
	const title = normalize(person.title);
	if (title.split(/\s+/).some((word) => word.startsWith(query))) return 3;
	if (title.includes(query) || normalize(person.department ?? '').includes(query)) return 4;
	// The same fields the server searches in a large organization.
	if (normalize(person.email ?? '').includes(query) || normalize(person.location ?? '').includes(query)) return 5;
	return null;
}

/** Best matches first (names, then titles and departments, then emails and locations), then alphabetical; empty query → no results. */
export function searchPeople(people: readonly Person[], query: string, limit = 8): Person[] {
	const needle = normalize(query.trim());
	if (!needle) return [];
	return people
		.map((person) => ({ person, score: rank(person, needle) }))
		.filter((entry): entry is { person: Person; score: number } => entry.score !== null)
		.sort((a, b) => a.score - b.score || a.person.name.localeCompare(b.person.name))
		.slice(0, limit)
		.map((entry) => entry.person);
}
