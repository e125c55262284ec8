/**
 * Loads a large organization a part at a time: the top levels first, then a manager's reports
 * page by page, and the path down to anyone the user searches for or the assistant touches.
 * Loads run one after another, so a refresh never drops a page read while it was under way.
 */
import { ApiError } from '$lib/client/api';
import { getPathTo, getReportsPage, getTopPeople, type TopPeople } from '$lib/client/chart-api';
import { LoadedOrg } from './loaded-org';

/** Levels shown when a large organization opens: the root and two levels below it. */
export const TOP_LEVELS = 3;
/** At most this many people come with the top levels (the rest of a level shows as "N more…"). */
export const TOP_LIMIT = 1000;
/** Reports read per page when a manager is expanded, and per "N more…". */
export const REPORTS_PAGE = 100;
const MAX_PAGE = 1000;
/** Requests a refresh runs at once. */
const PARALLEL = 4;

export class LargeOrgLoader {
	private current: LoadedOrg;
	private queue: Promise<unknown> = Promise.resolve();

	constructor(
		private readonly orgId: string,
		top: TopPeople,
		private readonly publish: (org: LoadedOrg) => void
	) {
		this.current = LoadedOrg.fromTop(top);
		publish(this.current);
	}

	get org(): LoadedOrg {
		return this.current;
	}

	/**
	 * Reads the next page of a manager's reports (the first one when none is loaded yet). Reports
	 * already loaded otherwise (the top levels, a path) are read past, so the page brings new people.
	 */
	loadReports(managerId: string): Promise<void> {
		return this.serially(async () => {
			const org = this.current;
			for (;;) {
				const after = org.nextCursor(managerId);
				if (after === null || !org.has(managerId)) break;
				const limit = after === undefined ? Math.min(MAX_PAGE, org.loadedReports(managerId) + REPORTS_PAGE) : REPORTS_PAGE;
				if (org.addReportsPage(managerId, await getReportsPage(this.orgId, managerId, limit, after)) > 0) break;
			}
			this.publish(org);
		});
	}

	/** Loads the paths down to these people (those not loaded yet), so their cards can be shown. */
	show(ids: readonly string[]): Promise<void> {
		return this.serially(async () => {
			const missing = ids.filter((id) => !this.current.has(id));
			if (missing.length === 0) return;
			const paths = await mapLimited(missing, PARALLEL, (id) => unlessGone(getPathTo(this.orgId, id)));
			for (const path of paths) if (path) this.current.addPath(path);
			this.publish(this.current);
		});
	}

	/**
	 * Reads again everything on screen (the top levels, the reports pages read, the paths shown)
	 * plus the paths to `touched`, and replaces the loaded part with the answers: people changed,
	 * moved or removed elsewhere show as they are now.
	 */
	refresh(touched: readonly string[] = []): Promise<void> {
		return this.serially(async () => {
			const before = this.current;
			const next = LoadedOrg.fromTop(await getTopPeople(this.orgId, TOP_LEVELS, TOP_LIMIT));
			const reread = before.pagedManagers().filter(({ id, count }) => next.loadedReports(id) < count);
			const wanted = [...new Set([...before.strayPeople(), ...touched])].filter((id) => !next.has(id));
			const [pages, paths] = await Promise.all([
				mapLimited(reread, PARALLEL, ({ id, count }) => unlessGone(this.readReports(id, count))),
				mapLimited(wanted, PARALLEL, (id) => unlessGone(getPathTo(this.orgId, id)))
			]);
			// Paths first, then pages in the order they were first read (managers before their
			// reports), so every page finds its manager loaded.
			for (const path of paths) if (path) next.addPath(path);
			reread.forEach(({ id }, index) => pages[index]?.forEach((page) => next.addReportsPage(id, page)));
			this.current = next;
			this.publish(next);
		});
	}

	/** The first `count` reports of a manager, in as few pages as the server allows. */
	private async readReports(managerId: string, count: number) {
		const pages = [];
		let after: string | null | undefined;
		let read = 0;
		do {
			const page = await getReportsPage(this.orgId, managerId, Math.min(MAX_PAGE, Math.max(REPORTS_PAGE, count - read)), after);
			pages.push(page);
			read += page.people.length;
			after = page.nextCursor;
		} while (after && read < count);
		return pages;
	}

	private serially<T>(task: () => Promise<T>): Promise<T> {
		const run = this.queue.then(task, task);
		this.queue = run.catch(() => undefined);
		return run;
	}
}

/** A person or manager removed meanwhile (404) is no answer, not a failure. */
async function unlessGone<T>(request: Promise<T>): Promise<T | null> {
	try {
		return await request;
	} catch (error) {
		if (error instanceof ApiError && error.status === 404) return null;
		throw error;
	}
}

/** Maps with at most `limit` calls in flight; results in input order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, call: (item: T) => Promise<R>): Promise<R[]> {
	const results: R[] = new Array(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const index = next++;
			results[index] = await call(items[index]);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
	return results;
}
