/** Walking the reporting lines of an organization held in memory (one query, then pure functions). */

type Node = { id: string; managerId: string | null };

/** People of one organization indexed by id and by manager. */
export class Hierarchy<T extends Node> {
	readonly byId = new Map<string, T>();
	readonly reportsOf = new Map<string, T[]>();

	constructor(readonly people: T[]) {
		for (const person of people) {
			this.byId.set(person.id, person);
			if (person.managerId) {
				const siblings = this.reportsOf.get(person.managerId) ?? [];
				siblings.push(person);
				this.reportsOf.set(person.managerId, siblings);
			}
		}
	}

	/** Managers from the immediate one up to the root; stops at a loop rather than spinning. */
	chainOf(id: string): T[] {
		const chain: T[] = [];
		const seen = new Set([id]);
		let current = this.byId.get(id)?.managerId;
		while (current && !seen.has(current)) {
			const manager = this.byId.get(current);
			if (!manager) break;
			chain.push(manager);
			seen.add(current);
			current = manager.managerId;
		}
		return chain;
	}

	/** Everyone below a person, breadth first, with their level (1 = direct report). */
	subtreeOf(id: string): { person: T; level: number }[] {
		const found: { person: T; level: number }[] = [];
		const seen = new Set([id]);
		let frontier = [id];
		for (let level = 1; frontier.length > 0; level++) {
			const next: string[] = [];
			for (const managerId of frontier) {
				for (const report of this.reportsOf.get(managerId) ?? []) {
					if (seen.has(report.id)) continue;
					seen.add(report.id);
					found.push({ person: report, level });
					next.push(report.id);
				}
			}
			frontier = next;
		}
		return found;
	}

	/** People with no manager. */
	roots(): T[] {
		return this.people.filter((person) => !person.managerId);
	}

	/** Levels from the roots down; a lone root is depth 1, an empty org depth 0. */
	depth(): number {
		let deepest = 0;
		for (const root of this.roots()) {
			const below = this.subtreeOf(root.id);
			deepest = Math.max(deepest, 1 + below.reduce((max, entry) => Math.max(max, entry.level), 0));
		}
		return deepest;
	}
}
