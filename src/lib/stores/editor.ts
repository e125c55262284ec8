/**
 * The person editor's state: whose panel is open, whether the caller may change people, and the
 * one way every UI change (panel, drag and drop, tool card, history) is undone and shown on the chart.
 */
import { derived, get, writable, type Readable } from 'svelte/store';
import { roleAtLeast, type ChangeSummary } from '$lib/protocol';
import { undoChange } from '$lib/client/people-api';
import { notePeopleTouched, organization } from './org';
import { showToast } from './toasts';

const openId = writable<string | null>(null);
/** The person whose panel is open, or null. */
export const openPersonId: Readable<string | null> = { subscribe: openId.subscribe };

// A panel belongs to the organization it was opened in: switching (or signing out) closes it.
let panelOrgId: string | null = null;
organization.subscribe((org) => {
	if ((org?.id ?? null) !== panelOrgId) openId.set(null);
	panelOrgId = org?.id ?? null;
});

/** Whether the caller may change people in the organization on screen (editors and up; viewers only read). */
export const canEditPeople = derived(organization, ($org) => roleAtLeast($org?.role, 'editor'));

/** Opens (or switches) the person panel. */
export function openPerson(id: string): void {
	openId.set(id);
}

/** Closes the person panel and gives focus back to the person's card, where keyboard users left off. */
export function closePerson(): void {
	const id = get(openId);
	openId.set(null);
	if (id) focusCard(id);
}

/** Focuses a person's card on the chart, if it is drawn. */
export function focusCard(id: string): void {
	requestAnimationFrame(() => {
		const card = document.querySelector<HTMLElement>(`.svelte-flow__node[data-id="${CSS.escape(id)}"]`);
		card?.focus({ preventScroll: true });
	});
}

/** Shows a change made from the page on the chart: reloads the people, highlights and reveals them. */
export function showChange(personIds: readonly string[]): void {
	notePeopleTouched(personIds, true);
}

/** Reverts a change and shows the result on the chart; throws the server's refusal (409 with its reason). */
export async function undoAndShow(changeId: string): Promise<ChangeSummary> {
	const org = get(organization);
	if (!org) throw new Error('No organization is open.');
	const change = await undoChange(org.id, changeId);
	showChange(change.personIds);
	return change;
}

/** Shows that a change was made, with Undo (which reverts it and says so, or shows why it cannot). */
export function toastChange(message: string, changeId: string | null): void {
	if (!changeId) {
		showToast(message);
		return;
	}
	showToast(message, {
		action: {
			label: 'Undo',
			run: async () => {
				try {
					const undo = await undoAndShow(changeId);
					showToast(undo.summary);
				} catch (error) {
					showToast(error instanceof Error ? error.message : 'The change could not be undone.', { kind: 'error' });
				}
			}
		}
	});
}
