import { describe, expect, it } from 'vitest';
import { needsApproval } from './approval-policy';
import { toolDefinitions } from '.';

const impact = (removed: number, managerChanges: number) => ({ summary: 'x', removed, managerChanges });

describe('needsApproval', () => {
	it('destructive: removals and changes that move more than one person wait; the rest run', () => {
		expect(needsApproval('destructive', impact(1, 0))).toBe(true);
		expect(needsApproval('destructive', impact(0, 2))).toBe(true);
		expect(needsApproval('destructive', impact(0, 1))).toBe(false);
		expect(needsApproval('destructive', impact(0, 0))).toBe(false);
	});

	it('all: every change waits; none: nothing does; reads (no impact) never do', () => {
		expect(needsApproval('all', impact(0, 0))).toBe(true);
		expect(needsApproval('none', impact(1, 5))).toBe(false);
		expect(needsApproval('all', null)).toBe(false);
	});

	it('every tool that changes people can say what a call would change', () => {
		for (const tool of toolDefinitions.filter((definition) => definition.mutates)) expect(tool.previewImpact, tool.name).toBeTypeOf('function');
	});
});
