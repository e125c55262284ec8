import { describe, expect, it } from 'vitest';
import { roleAtLeast } from './context';

describe('roleAtLeast', () => {
	it('ranks viewer < editor < admin < owner', () => {
		expect(roleAtLeast('owner', 'admin')).toBe(true);
		expect(roleAtLeast('editor', 'editor')).toBe(true);
		expect(roleAtLeast('editor', 'admin')).toBe(false);
		expect(roleAtLeast('viewer', 'editor')).toBe(false);
	});
});
