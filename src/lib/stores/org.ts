/**
 * The organization on screen: its people, loading state, and the people the assistant just
 * touched. Owned here; the chat store reports tool effects, the chart reads and reveals.
 * A small organization is loaded whole; a large one a part at a time (large-org-loader.ts), and
 * `people` then holds the part loaded so far.
 */
import { derived, get, writable, type Readable } from 'svelte/store';
import type { Organization, Person } from '$lib/protocol';
import { listOrganizations, listPeople } from '$lib/client/api';
import { getTopPeople, searchChartPeople } from '$lib/client/chart-api';
import { followOrgEvents, type LiveChange } from '$lib/client/org-events';
import { LargeOrgLoader, TOP_LEVELS, TOP_LIMIT } from './large-org-loader';
import type { LoadedOrg, LoadedOrgView } from './loaded-org';

const DEMO_SLUG = 'acme';
const HIGHLIGHT_MS = 5000;
const RELOAD_DEBOUNCE_MS = 200;
/** How long a card changed elsewhere stays marked. */
const LIVE_HIGHLIGHT_MS = 2500;

export const organizations = writable<Organization[]>([]);
export const organization = writable<Organization | null>(null);
export const people = writable<Person[]>([]);
/** 'loading' until the first people list arrives for the organization. */
export const peopleStatus = writable<'loading' | 'ready' | 'error'>('loading');
export const orgError = writable<string | null>(null);

/** Organizations up to this size are loaded whole (GET /people); larger ones level by level. */
export const LOAD_WHOLE_UP_TO = 1000;
const loaded = writable<LoadedOrgView | null>(null);
/** For a large organization: report counts and what is not loaded yet; null when `people` is everyone. */
export const loadedOrg: Readable<LoadedOrgView | null> = { subscribe: loaded.subscribe };
const fetchingReports = writable<ReadonlySet<string>>(new Set());
/** Managers whose next page of reports is on its way. */
export const loadingReports: Readable<ReadonlySet<string>> = { subscribe: fetchingReports.subscribe };
/** Open roles (a vacancy is a role, not a person); 0 for a large organization, whose part loaded would undercount. */
export const openRoles = derived([people, loaded], ([$people, $loaded]) => ($loaded ? 0 : $people.filter((person) => person.vacancy).length));
/**
 * How many people the organization has (not only those loaded), open roles not counted; a large
 * organization's total comes from the server, which counts every card.
 */
export const headcount = derived([people, loaded, openRoles], ([$people, $loaded, $openRoles]) => $loaded?.total ?? $people.length - $openRoles);
let loader: LargeOrgLoader | null = null;

/** 'changed': the person a change was about; 'read': looked up, or affected around a change. */
export type HighlightKind = 'changed' | 'read';
const highlighted = writable<ReadonlyMap<string, HighlightKind>>(new Map());
/** People the assistant read or changed in the last few seconds, and how. */
export const highlightedPeople: Readable<ReadonlyMap<string, HighlightKind>> = { subscribe: highlighted.subscribe };

export type RevealRequest = { ids: string[]; seq: number };
const reveal = writable<RevealRequest | null>(null);
/** Asks the chart to open the path to these people and bring the first into view. */
export const revealRequest: Readable<RevealRequest | null> = { subscribe: reveal.subscribe };

const message = (error: unknown) => (error instanceof Error ? error.message : 'Something went wrong.');

/** Loads the organizations and shows the preferred one (by id or slug), the demo org, or the first. */
export async function loadOrganizations(preferred?: string | null): Promise<void> {
	try {
		const list = await listOrganizations();
		organizations.set(list);
		const chosen =
			list.find((org) => org.id === preferred || org.slug === preferred) ?? list.find((org) => org.slug === DEMO_SLUG) ?? list[0];
		if (!chosen) {
			peopleStatus.set('error');
			orgError.set('This server has no organization yet.');
			return;
		}
		await selectOrganization(chosen);
	} catch (error) {
		peopleStatus.set('error');
		orgError.set(message(error));
	}
}

/** Forgets every organization and person shown (on sign-out, so the next user starts clean). */
export function resetOrganizations(): void {
	organizations.set([]);
	organization.set(null);
	showWhole([]);
	peopleStatus.set('loading');
	orgError.set(null);
	clearHighlights();
	clearTimeout(reloadTimer);
	pendingReveal = [];
	reveal.set(null);
}

/** Switches to an organization and loads its people: all of them, or the top levels of a large one. */
export async function selectOrganization(org: Organization): Promise<void> {
	organization.set(org);
	showWhole([]);
	peopleStatus.set('loading');
	try {
		const top = await getTopPeople(org.id, TOP_LEVELS, TOP_LIMIT);
		if (get(organization)?.id !== org.id) return;
		if (top.total > LOAD_WHOLE_UP_TO) {
			loader = new LargeOrgLoader(org.id, top, (part) => publishPart(org.id, part));
			peopleStatus.set('ready');
			orgError.set(null);
			return;
		}
	} catch (error) {
		if (get(organization)?.id !== org.id) return;
		peopleStatus.set('error');
		orgError.set(message(error));
		return;
	}
	await reloadPeople();
}

function showWhole(list: Person[]): void {
	loader = null;
	loaded.set(null);
	people.set(list);
}

function publishPart(orgId: string, part: LoadedOrg): void {
	if (get(organization)?.id !== orgId) return;
	const list = part.people();
	const view = part.view();
	// An unchanged part is not set again, so a periodic refresh never re-lays out the chart for nothing.
	if (JSON.stringify(list) !== JSON.stringify(get(people))) people.set(list);
	if (JSON.stringify(view, mapsAsEntries) !== JSON.stringify(get(loaded), mapsAsEntries)) loaded.set(view);
}

const mapsAsEntries = (_key: string, value: unknown) => (value instanceof Map ? [...value] : value);

/**
 * Fetches the people of the current organization again (keeps the old list on failure). In a large
 * organization this reads the loaded part again, plus the paths to `touched` so they can be shown.
 */
export async function reloadPeople(touched: readonly string[] = []): Promise<Person[]> {
	const org = get(organization);
	if (!org) return [];
	if (loader) {
		try {
			await loader.refresh(touched);
			orgError.set(null);
		} catch (error) {
			orgError.set(message(error));
		}
		return get(people);
	}
	try {
		const list = await listPeople(org.id);
		if (get(organization)?.id !== org.id) return [];
		// An unchanged list is not set again, so a periodic refresh never re-lays out the chart for nothing.
		if (JSON.stringify(list) !== JSON.stringify(get(people))) people.set(list);
		peopleStatus.set('ready');
		orgError.set(null);
		return list;
	} catch (error) {
		if (get(peopleStatus) === 'loading') peopleStatus.set('error');
		orgError.set(message(error));
		return [];
	}
}

/** A change that arrived from the live stream: the people it left on the chart. */
export type LiveChangeShown = { ids: string[]; seq: number };
const liveChanges = writable<LiveChangeShown | null>(null);
let liveSeq = 0;
/** The latest change from the live stream, so the chart can open the way to it and animate it. */
export const lastLiveChange: Readable<LiveChangeShown | null> = { subscribe: liveChanges.subscribe };

/**
 * Keeps the chart current with changes made elsewhere (another tab, a script, a colleague, the
 * assistant on another instance): follows the organization's live change stream, applies each
 * change to the people on screen and highlights them briefly. A change too large to send, or a
 * stream that (re)opened without a position, reads the people again. Returns the function that stops it.
 */
export function followOutsideChanges(): () => void {
	let stopStream: (() => void) | null = null;
	let followedId: string | null = null;
	const unsubscribe = organization.subscribe((org) => {
		if (org?.id === followedId) return;
		stopStream?.();
		stopStream = null;
		followedId = org?.id ?? null;
		if (!org) return;
		stopStream = followOrgEvents(org.id, {
			onChange: (change) => applyLiveChange(org.id, change),
			onGap: () => {
				if (get(organization)?.id === org.id && get(peopleStatus) === 'ready') void reloadPeople();
			}
		});
	});
	return () => {
		unsubscribe();
		stopStream?.();
	};
}

/** Applies one change from the stream to the people on screen. */
export function applyLiveChange(orgId: string, change: LiveChange): void {
	if (get(organization)?.id !== orgId || get(peopleStatus) !== 'ready') return;
	const present = change.people.filter((entry) => entry.person !== null).map((entry) => entry.id);
	if (change.peopleOmitted || loader) {
		void reloadPeople().then(() => {
			liveChanges.set({ ids: present, seq: ++liveSeq });
			highlightPeople(present, LIVE_HIGHLIGHT_MS, 'changed');
		});
		return;
	}
	const byId = new Map(get(people).map((person) => [person.id, person]));
	for (const { id, person } of change.people) {
		if (person) byId.set(id, person);
		else byId.delete(id);
	}
	// The server's order (by name, then id), so a later full reload finds the same list.
	const list = [...byId.values()].sort((a, b) => (a.name === b.name ? compare(a.id, b.id) : compare(a.name, b.name)));
	liveChanges.set({ ids: present, seq: ++liveSeq });
	if (JSON.stringify(list) !== JSON.stringify(get(people))) people.set(list);
	highlightPeople(present, LIVE_HIGHLIGHT_MS, 'changed');
}

const compare = (a: string, b: string) => a.localeCompare(b, 'en');

const highlightTimers = new Map<string, ReturnType<typeof setTimeout>>();

/** Highlights people for a few seconds (each one's timer restarts when touched again). */
export function highlightPeople(ids: readonly string[], durationMs = HIGHLIGHT_MS, kind: HighlightKind = 'read'): void {
	if (ids.length === 0) return;
	highlighted.update((map) => {
		const next = new Map(map);
		// A person changed a moment ago stays marked as changed when read again.
		for (const id of ids) if (next.get(id) !== 'changed') next.set(id, kind);
		return next;
	});
	for (const id of ids) {
		clearTimeout(highlightTimers.get(id));
		highlightTimers.set(
			id,
			setTimeout(() => {
				highlightTimers.delete(id);
				highlighted.update((map) => {
					const next = new Map(map);
					next.delete(id);
					return next;
				});
			}, durationMs)
		);
	}
}

/** Clears every highlight (a new question starts with a clean chart). */
export function clearHighlights(): void {
	for (const timer of highlightTimers.values()) clearTimeout(timer);
	highlightTimers.clear();
	highlighted.set(new Map());
}

let reloadTimer: ReturnType<typeof setTimeout> | undefined;
let pendingReveal: string[] = [];
let revealSeq = 0;

/** Called for each finished tool: highlight who it touched; after a change, reload and reveal them. */
export function notePeopleTouched(touched: readonly string[], mutated: boolean): void {
	// A change is about its first person (added, moved, edited); the others are its surroundings.
	if (mutated) {
		highlightPeople(touched.slice(0, 1), HIGHLIGHT_MS, 'changed');
		highlightPeople(touched.slice(1), HIGHLIGHT_MS, 'read');
	} else highlightPeople(touched);
	if (!mutated) return;
	pendingReveal.push(...touched);
	clearTimeout(reloadTimer);
	reloadTimer = setTimeout(async () => {
		const before = new Set(get(people).map((person) => person.id));
		const toReveal = pendingReveal;
		pendingReveal = [];
		const list = await reloadPeople(toReveal);
		const present = new Set(list.map((person) => person.id));
		// New people first: they are the ones the user wants to see appear.
		const ids = [...new Set(toReveal)].filter((id) => present.has(id)).sort((a, b) => Number(before.has(a)) - Number(before.has(b)));
		if (ids.length) reveal.set({ ids, seq: ++revealSeq });
	}, RELOAD_DEBOUNCE_MS);
}

/** Reads the next page of a manager's reports (a large organization; nothing to do otherwise). */
export async function loadMoreReports(managerId: string): Promise<void> {
	const current = loader;
	if (!current) return;
	fetchingReports.update((ids) => new Set(ids).add(managerId));
	try {
		await current.loadReports(managerId);
	} catch (error) {
		orgError.set(message(error));
	} finally {
		fetchingReports.update((ids) => {
			const next = new Set(ids);
			next.delete(managerId);
			return next;
		});
	}
}

/** Makes sure these people are loaded, with the managers above them, so the chart can show them. */
export async function loadPeopleShown(ids: readonly string[]): Promise<void> {
	try {
		await loader?.show(ids);
	} catch (error) {
		orgError.set(message(error));
	}
}

/** Searches the whole organization on the server (for a large one, whose people are not all loaded). */
export async function searchOrganization(query: string, limit: number): Promise<{ people: Person[]; total: number }> {
	const org = get(organization);
	if (!org) return { people: [], total: 0 };
	return searchChartPeople(org.id, query, limit);
}

/** Asks the chart to reveal people (search, or a link in the chat). */
export function revealPeople(ids: string[]): void {
	reveal.set({ ids, seq: ++revealSeq });
}
