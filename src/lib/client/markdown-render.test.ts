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

describe('renderMarkdown never loads anything by itself', () => {
	it('turns a markdown image into a link showing its alt text', () => {
		const html = renderMarkdown('See ![chart of secrets](http://127.0.0.1:9/x?leak=1)', false);
		expect(html).not.toMatch(/<img/i);
		expect(html).toContain('>chart of secrets</a>');
		expect(html).toContain('href="http://127.0.0.1:9/x?leak=1"');
		expect(html).toContain('rel="noopener noreferrer"');
	});

	it('turns a raw <img> into a link, and shows the address when there is no alt text', () => {
		const html = renderMarkdown('<img src="https://tracker.example/p.gif"> and <img src="/x" alt="local">', false);
		expect(html).not.toMatch(/<img/i);
		expect(html).toContain('>https://tracker.example/p.gif</a>');
		expect(html).toContain('>local</a>');
	});

	it('drops other ways of loading: srcset, picture, svg images, video posters, backgrounds', () => {
		const html = renderMarkdown(
			'<picture><source srcset="http://a.example/1.png"></picture><svg><image href="http://b.example/2.png"/></svg>' +
				'<video poster="http://c.example/3.png"></video><table background="http://d.example/4.png"><tr><td>t</td></tr></table>',
			false
		);
		expect(html).not.toMatch(/a\.example|b\.example|c\.example|d\.example|<img|<svg|<video|<picture/i);
	});

	it('neutralises javascript: and data: links, whether markdown, HTML or an image source', () => {
		const html = renderMarkdown(
			'[a](javascript:alert(1)) [b](data:text/html;base64,PHNjcmlwdD4=) <a href="JaVaScRiPt:alert(2)">c</a> ![d](javascript:alert(3)) <img src="data:image/png;base64,AAAA" alt="e">',
			false
		);
		expect(html).not.toMatch(/javascript:|data:/i);
		expect(html).not.toMatch(/<img/i);
	});
});

describe('renderMarkdown disarms event handlers before parsing', () => {
	it('leaves no handler, renamed or not, and keeps text that merely looks like one', () => {
		const html = renderMarkdown('<svg onload=alert(1)></svg><details open ONTOGGLE="alert(2)">x</details> I like onion=3', false);
		expect(html).not.toMatch(/onload|ontoggle|data-disarmed|<svg/i);
		expect(html).toContain('I like onion=3');
	});
});
