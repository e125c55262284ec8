import { get } from 'svelte/store';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { dismissToast, holdToast, releaseToast, showToast, toasts } from './toasts';

describe('toasts', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => {
		for (const toast of get(toasts)) dismissToast(toast.id);
		vi.useRealTimers();
	});

	test('a notice goes away by itself after a few seconds, but not while held', () => {
		const id = showToast('Moved Tom Becker to Marcus Johnson.');
		expect(get(toasts).map((toast) => toast.message)).toEqual(['Moved Tom Becker to Marcus Johnson.']);
		holdToast(id);
		vi.advanceTimersByTime(60_000);
		expect(get(toasts)).toHaveLength(1);
		releaseToast(id);
		vi.advanceTimersByTime(8_000);
		expect(get(toasts)).toHaveLength(0);
	});

	test('at most four notices show; the oldest go first', () => {
		for (let n = 1; n <= 6; n++) showToast(`Change ${n}`, { kind: n === 6 ? 'error' : 'info' });
		expect(get(toasts).map((toast) => toast.message)).toEqual(['Change 3', 'Change 4', 'Change 5', 'Change 6']);
		expect(get(toasts).at(-1)?.kind).toBe('error');
	});
});
