/**
 * Who reports to whom, built once per people list. Tolerates data the server should never send
 * (a manager outside the list, a reporting cycle) by treating such people as roots.
 */
import type { Person } from '$lib/protocol';

export type ReportingTree = {
	byId: Map<string, Person>;
	roots: string[];
	/** Direct reports of each person, in the people list's order. */
	reportsOf: Map<string, string[]>;
	/** The manager each person hangs under in the chart (null for roots). */
	managerOf: Map<string, string | null>;
};

/** Builds the tree; every person appears exactly once. */
export function buildReportingTree(people: readonly Person[]): ReportingTree {
	const byId = new Map(people.map((person) => [person.id, person]));
	const managerOf = new Map<string, string | null>();
	for (const person of people) {
		const managerId = person.managerId && byId.has(person.managerId) && person.managerId !== person.id ? person.managerId : null;
		managerOf.set(person.id, managerId);
	}
	breakCycles(people, managerOf);
	const reportsOf = new Map<string, string[]>();
	const roots: string[] = [];
	for (const person of people) {
		const managerId = managerOf.get(person.id) ?? null;
		if (managerId === null) roots.push(person.id);
		else {
			const reports = reportsOf.get(managerId);
			if (reports) reports.push(person.id);
			else reportsOf.set(managerId, [person.id]);
		}
	}
	return { byId, roots, reportsOf, managerOf };
}

function breakCycles(people: readonly Person[], managerOf: Map<string, string | null>): void {
	const settled = new Set<string>();
	for (const person of people) {
		const path = new Set<string>();
		let current: string | null = person.id;
		while (current !== null && !settled.has(current)) {
			if (path.has(current)) {
				managerOf.set(current, null);
				break;
			}
			path.add(current);
			current = managerOf.get(current) ?? null;
		}
		for (const id of path) settled.add(id);
	}
}

/** The chain of managers above a person, nearest first. */
export function managersAbove(tree: ReportingTree, id: string): string[] {
	const chain: string[] = [];
	let current = tree.managerOf.get(id) ?? null;
	while (current !== null && chain.length < tree.byId.size) {
		chain.push(current);
		current = tree.managerOf.get(current) ?? null;
	}
	return chain;
}

/** How many people are below each person (all levels). */
export function countDescendants(tree: ReportingTree): Map<string, number> {
	const counts = new Map<string, number>();
	const count = (id: string): number => {
		const known = counts.get(id);
		if (known !== undefined) return known;
		let total = 0;
		for (const report of tree.reportsOf.get(id) ?? []) total += 1 + count(report);
		counts.set(id, total);
		return total;
	};
	// Iterative order (deepest first) keeps very deep orgs from overflowing the call stack.
	const order: string[] = [];
	const stack = [...tree.roots];
	while (stack.length) {
		const id = stack.pop() as string;
		order.push(id);
		stack.push(...(tree.reportsOf.get(id) ?? []));
	}
	for (let i = order.length - 1; i >= 0; i--) count(order[i]);
	return counts;
}

/** Depth of each person below their root (roots are 0). */
export function depthsOf(tree: ReportingTree): Map<string, number> {
	const depths = new Map<string, number>();
	const stack: [string, number][] = tree.roots.map((id) => [id, 0]);
	while (stack.length) {
		const [id, depth] = stack.pop() as [string, number];
		depths.set(id, depth);
		for (const report of tree.reportsOf.get(id) ?? []) stack.push([report, depth + 1]);
	}
	return depths;
}
