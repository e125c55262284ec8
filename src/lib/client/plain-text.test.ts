import { describe, expect, it } from 'vitest';
import { markdownToSpeech } from './plain-text';

describe('markdownToSpeech', () => {
	it('keeps the words and drops the marks', () => {
		expect(markdownToSpeech('**Jane Smith** has 3 reports:\n- Raj Mehta\n- [Ana](#p1)')).toBe('Jane Smith has 3 reports: Raj Mehta Ana');
	});
	it('keeps text that only looks like HTML as text', () => {
		expect(markdownToSpeech('Added <img src=x onerror=alert(1)>.')).toBe('Added <img src=x onerror=alert(1)>.');
	});
});
