// @vitest-environment jsdom
/**
 * Names and titles in the offline assistant's answers show as typed, through the chat's real
 * markdown renderer: never as an image, a link, bold text, a heading or HTML.
 */
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '$lib/client/markdown-render';
import { answerAddUser, answerMoveUser, answerToolError } from './answer-changes';
import { answerSearch, answerUserInformation } from './answer-reads';
import { text } from './escape';

const HOSTILE = [
	'<img src=x onerror=alert(1)>',
	'*bold*',
	'[x](y)',
	'**Lead**',
	'_under_ and __double__',
	'`code`',
	'# Heading',
	'- item',
	'+ item',
	'1. First',
	'2) Second',
	'> quote',
	'www.evil.example',
	'http://evil.example/x',
	'jane@evil.example',
	'&lt;b&gt; &amp; AT&T',
	'~~strike~~',
	'| a | b |',
	'<script>alert(1)</script>',
	'![x](http://127.0.0.1:9/x)',
	'<a href="javascript:alert(1)">click</a>',
	'\\*not bold\\*',
	'ends with a backslash\\',
	'Zoë 👩🏽‍💻 Ñandú',
	"Siobhán O'Brien-Smith, Jr.",
	'{{constructor}} ${7*7}',
	'=== setext',
	'<!-- comment -->'
];

function rendered(markdown: string): HTMLElement {
	const element = document.createElement('div');
	element.innerHTML = renderMarkdown(markdown, false);
	return element;
}

describe('escaping values as text in markdown', () => {
	it.each(HOSTILE)('%s shows exactly as typed', (value) => {
		const element = rendered(text(value));
		expect(element.textContent?.trim()).toBe(value.trim());
		expect(element.querySelector('img, a, strong, em, code, h1, h2, ul, ol, blockquote, table, del, script')).toBeNull();
	});

	it('turns a line break inside a value into a space, so it cannot start a list or a heading', () => {
		expect(rendered(text('Berlin\n# Set-Cookie: x=1')).textContent?.trim()).toBe('Berlin # Set-Cookie: x=1');
	});

	it('keeps ordinary names readable in the raw answer', () => {
		expect(text("Siobhán O'Brien")).toBe("Siobhán O'Brien");
		expect(text('Anne-Marie Dubois')).toBe('Anne-Marie Dubois');
	});
});

describe("the offline assistant's answers show hostile names and titles as text", () => {
	const person = { id: 'p', name: '<img src=x onerror=alert(1)>', title: '[x](y)', department: '*bold*', email: null, location: '![t](http://127.0.0.1:9/x)', managerId: 'm', vacancy: false, dottedLineManagerIds: [] };
	const manager = { id: 'm', name: '**Jane**', title: '<b>VP</b>' };

	it.each([
		['addUser', answerAddUser({ person, manager, changeId: 'c' })],
		['moveUser', answerMoveUser({ person, oldManager: manager, newManager: { id: 'n', name: '`x`', title: '_t_' }, changeId: 'c' })],
		['getUserInformation', answerUserInformation({ person: { ...person, manager, directReports: [{ id: 'r', name: '# Report', title: '- title' }] } })],
		['searchPeople', answerSearch({ query: '<img src=x>', total: 1, people: [person] })],
		['a refusal', answerToolError({ code: 'not_found', message: 'No one named "<img src=x onerror=alert(1)>" works in this organization.' }, true)]
	])('%s', (_label, answer) => {
		const element = rendered(answer);
		expect(element.querySelector('img, a, script, em, code, h1, ul ul ul')).toBeNull();
		const shown = element.textContent ?? '';
		for (const value of [person.name, manager.name, manager.title, person.title]) {
			if (answer.includes(text(value))) expect(shown).toContain(value);
		}
		expect(shown).toContain('<img src=x');
	});
});
