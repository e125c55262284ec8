/** Svelte action: moves focus to the first form field inside the node once it is shown. */
export function focusFirstField(node: HTMLElement): void {
	queueMicrotask(() => node.querySelector<HTMLElement>('input:not([type=hidden]):not(:disabled), select, textarea')?.focus());
}

/** Svelte action: focuses the element itself once shown (a confirmation button that replaced the one pressed). */
export function focusSelf(node: HTMLElement): void {
	queueMicrotask(() => node.focus());
}
