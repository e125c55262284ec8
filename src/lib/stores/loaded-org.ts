/**
 * The part of a large organization the page has loaded: the top levels, the reports pages read so
 * far, and the paths to people found by search or touched by the assistant. Pure state (no
 * network): the org store feeds it answers and publishes `snapshot()` to the chart.
 */
import type { ChartPerson, ReportsPage, TopPeople } from '$lib/client/chart-api';
import type { Person } from '$lib/protocol';

/** What the chart needs beyond the people: the true report counts, and how many are not loaded yet. */
export type LoadedOrgView = {
	/** The headcount of the whole organization. */
	total: number;
	reportCount: ReadonlyMap<string, number>;
	/** Reports of a manager still on the server (shown as "N more…" once some are loaded). */
	notLoaded: ReadonlyMap<string, number>;
};

export class LoadedOrg {
	readonly total: number;
	private readonly byId = new Map<string, ChartPerson>();
	private readonly roots: string[] = [];
	/** Each manager's reports in the server's order, as far as pages (or the top levels) were read. */
	private readonly paged = new Map<string, string[]>();
	/** Reports loaded through a path before their page was read, shown after the paged ones. */
	private readonly strays = new Map<string, string[]>();
	/** Where the next page starts: absent = at the beginning; null = the server said there is no more. */
	private readonly cursors = new Map<string, string | null>();

	constructor(total: number) {
		this.total = total;
	}

	/** The top levels, breadth first (each manager's reports in name order, as pages are). */
	static fromTop(top: TopPeople): LoadedOrg {
		const org = new LoadedOrg(top.total);
		for (const person of top.people) {
			org.byId.set(person.id, person);
			if (person.managerId && org.byId.has(person.managerId)) appendTo(org.paged, person.managerId, person.id);
			else org.roots.push(person.id);
		}
		for (const [managerId, ids] of org.paged) {
			if (ids.length >= (org.byId.get(managerId)?.reportCount ?? 0)) org.cursors.set(managerId, null);
		}
		return org;
	}

	/** Adds one page of `managerId`'s reports (people already loaded are refreshed, not repeated); returns how many were new. */
	addReportsPage(managerId: string, page: ReportsPage): number {
		const manager = this.byId.get(managerId);
		if (!manager) return 0;
		if (manager.reportCount !== page.total) this.byId.set(managerId, { ...manager, reportCount: page.total });
		const paged = this.paged.get(managerId) ?? [];
		const known = new Set(paged);
		const before = this.loadedReports(managerId);
		for (const person of page.people) {
			this.byId.set(person.id, person);
			if (!known.has(person.id)) paged.push(person.id);
			known.add(person.id);
		}
		this.paged.set(managerId, paged);
		const strays = this.strays.get(managerId)?.filter((id) => !known.has(id));
		if (strays?.length) this.strays.set(managerId, strays);
		else this.strays.delete(managerId);
		this.cursors.set(managerId, page.nextCursor);
		return this.loadedReports(managerId) - before;
	}

	/** Adds the chain from a root down to a person, so that person can be shown. */
	addPath(path: readonly ChartPerson[]): void {
		path.forEach((person, index) => {
			this.byId.set(person.id, person);
			const managerId = index > 0 ? path[index - 1].id : null;
			if (managerId === null) {
				if (!this.roots.includes(person.id)) this.roots.push(person.id);
			} else if (!this.paged.get(managerId)?.includes(person.id) && !this.strays.get(managerId)?.includes(person.id)) {
				appendTo(this.strays, managerId, person.id);
			}
		});
	}

	has(id: string): boolean {
		return this.byId.has(id);
	}

	/** How many of a manager's reports are loaded. */
	loadedReports(id: string): number {
		return (this.paged.get(id)?.length ?? 0) + (this.strays.get(id)?.length ?? 0);
	}

	/** The cursor to read a manager's next page from: undefined starts at the beginning, null means none is left. */
	nextCursor(id: string): string | null | undefined {
		return this.cursors.get(id);
	}

	/** Managers whose reports were read page by page, with how many were read (to read them again on a refresh). */
	pagedManagers(): { id: string; count: number }[] {
		return [...this.paged].filter(([, ids]) => ids.length > 0).map(([id, ids]) => ({ id, count: ids.length }));
	}

	/** People loaded only through a path: a refresh fetches their paths again. */
	strayPeople(): string[] {
		return [...this.strays.values()].flat();
	}

	/** Everyone loaded, managers before their reports, each manager's reports in display order. */
	people(): Person[] {
		const list: Person[] = [];
		const queue = [...this.roots];
		const listed = new Set<string>();
		for (let index = 0; index < queue.length; index++) {
			const person = this.byId.get(queue[index]);
			if (!person || listed.has(person.id)) continue;
			listed.add(person.id);
			list.push(person);
			queue.push(...(this.paged.get(person.id) ?? []), ...(this.strays.get(person.id) ?? []));
		}
		return list;
	}

	/** The counts the chart shows beside the loaded people. */
	view(): LoadedOrgView {
		const reportCount = new Map<string, number>();
		const notLoaded = new Map<string, number>();
		for (const person of this.byId.values()) {
			if (person.reportCount === 0) continue;
			reportCount.set(person.id, person.reportCount);
			const missing = this.cursors.get(person.id) === null ? 0 : person.reportCount - this.loadedReports(person.id);
			if (missing > 0) notLoaded.set(person.id, missing);
		}
		return { total: this.total, reportCount, notLoaded };
	}
}

function appendTo(map: Map<string, string[]>, key: string, id: string): void {
	const list = map.get(key);
	if (list) list.push(id);
	else map.set(key, [id]);
}
