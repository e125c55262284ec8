// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown-render';

describe('renderMarkdown', () => {
	it('renders markdown', () => {
		const html = renderMarkdown('Added **John Doe** under *Jane*:\n\n- one\n- two', false);
		expect(html).toContain('<strong>John Doe</strong>');
		expect(html).toContain('<li>one</li>');
	});

	it('strips scripts, event handlers and javascript: links from model output', () => {
		const html = renderMarkdown(
			'<img src=x onerror="alert(1)"><script>alert(2)</script>[click](javascript:alert(3)) <a href="#" onclick="alert(4)">x</a>',
			false
		);
		expect(html).not.toMatch(/<script|onerror|onclick|javascript:/i);
	});

	it('opens links in a new tab without access to this page', () => {
		const html = renderMarkdown('[docs](https://example.com/docs)', false);
		expect(html).toContain('target="_blank"');
		expect(html).toContain('rel="noopener noreferrer"');
	});
});
