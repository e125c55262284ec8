/**
 * A colour per department, for the card stripes and the legend. Departments get colours in name
 * order, so every page shows the same colour for the same department of the same organization.
 * The colours are dark enough to read as text on white (WCAG AA, ≥ 4.5:1).
 */
import type { Person } from '$lib/protocol';

const PALETTE = ['#4338ca', '#0f766e', '#b45309', '#be123c', '#6d28d9', '#15803d', '#0369a1', '#a21caf', '#4d7c0f', '#9f1239'];
/** People without a department. */
export const NO_DEPARTMENT_COLOR = '#64748b';

export type DepartmentColors = ReadonlyMap<string, string>;

/** The departments of `people`, sorted, each with its colour (the palette repeats past ten). */
export function departmentColors(people: readonly Person[]): DepartmentColors {
	const names = [...new Set(people.map((person) => person.department).filter((name): name is string => !!name))];
	names.sort((a, b) => a.localeCompare(b, 'en'));
	return new Map(names.map((name, index) => [name, PALETTE[index % PALETTE.length]]));
}

/** The colour of a person's department. */
export function colorOf(colors: DepartmentColors, department: string | null): string {
	return (department && colors.get(department)) || NO_DEPARTMENT_COLOR;
}

/**
 * The people a department filter shows: those in the department, and the managers above them so
 * the chart still hangs together. Everyone when `department` is null.
 */
export function filterByDepartment(people: readonly Person[], department: string | null): readonly Person[] {
	if (department === null) return people;
	const byId = new Map(people.map((person) => [person.id, person]));
	const keep = new Set<string>();
	for (const person of people) {
		if (person.department !== department) continue;
		let current: Person | undefined = person;
		while (current && !keep.has(current.id)) {
			keep.add(current.id);
			current = current.managerId ? byId.get(current.managerId) : undefined;
		}
	}
	return people.filter((person) => keep.has(person.id));
}
