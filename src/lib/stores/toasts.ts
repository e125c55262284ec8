/** Short notices at the bottom of the page (a change saved, a drop refused), each with an optional action such as Undo. */
import { get, writable, type Readable } from 'svelte/store';

export type ToastAction = { label: string; run: () => void | Promise<void> };
export type Toast = { id: number; message: string; kind: 'info' | 'error'; action?: ToastAction };

const TOAST_MS = 8000;
const MAX_SHOWN = 4;
const list = writable<Toast[]>([]);
/** The notices on screen, oldest first. */
export const toasts: Readable<Toast[]> = { subscribe: list.subscribe };
let nextId = 0;
const timers = new Map<number, ReturnType<typeof setTimeout>>();

/** Shows a notice for a few seconds (it stays while hovered or focused: see `holdToast`); returns its id. */
export function showToast(message: string, options: { kind?: Toast['kind']; action?: ToastAction } = {}): number {
	const toast: Toast = { id: ++nextId, message, kind: options.kind ?? 'info', action: options.action };
	const current = get(list);
	for (const old of current.slice(0, Math.max(0, current.length - (MAX_SHOWN - 1)))) dismissToast(old.id);
	list.update((shown) => [...shown, toast]);
	releaseToast(toast.id);
	return toast.id;
}

/** Keeps a notice up (the pointer or focus is on it). */
export function holdToast(id: number): void {
	clearTimeout(timers.get(id));
	timers.delete(id);
}

/** Lets a held notice go away after the usual delay. */
export function releaseToast(id: number): void {
	clearTimeout(timers.get(id));
	timers.set(
		id,
		setTimeout(() => dismissToast(id), TOAST_MS)
	);
}

/** Removes a notice now. */
export function dismissToast(id: number): void {
	clearTimeout(timers.get(id));
	timers.delete(id);
	list.update((current) => current.filter((toast) => toast.id !== id));
}
