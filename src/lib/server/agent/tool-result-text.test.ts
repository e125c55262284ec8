import { describe, expect, it } from 'vitest';
import { toolResultText } from './tool-result-text';

describe('toolResultText', () => {
	it('sends a result that fits as it is', () => {
		expect(toolResultText({ total: 1, people: [{ name: 'Jane' }] })).toBe('{"total":1,"people":[{"name":"Jane"}]}');
	});

	it('cuts the longest list of a big result, keeping it valid JSON with a note', () => {
		const reports = Array.from({ length: 500 }, (_, index) => ({ id: `id-${index}`, name: `Person ${index}`, title: 'Engineer' }));
		const text = toolResultText({ person: { name: 'Root' }, total: 500, reports }, 4000);
		expect(text.length).toBeLessThanOrEqual(4000);
		const read = JSON.parse(text);
		expect(read).toMatchObject({ truncated: true, total: 500, person: { name: 'Root' } });
		expect(read.note).toMatch(/truncated \(reports: \d+ of 500 items shown\)/);
		expect(read.reports.length).toBeGreaterThan(10);
		expect(read.reports[0]).toEqual(reports[0]);
	});

	it('cuts a result without lists as text inside valid JSON', () => {
		const text = toolResultText({ blob: 'é"'.repeat(5000) }, 1000);
		expect(text.length).toBeLessThanOrEqual(1000);
		expect(JSON.parse(text)).toMatchObject({ truncated: true, note: expect.stringMatching(/truncated/) });
	});
});
