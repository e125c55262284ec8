import { describe, expect, it } from 'vitest';
import { normalizeRequest, parseRequest } from './intent';

const LENGTH = 20_000;
const fill = (prefix: string, unit: string, suffix = '') => prefix + unit.repeat(Math.ceil((LENGTH - prefix.length) / unit.length)) + suffix;

/** Shapes that made a pattern re-scan the text once per position (the worst took 3–20 s at this length). */
const PATHOLOGICAL: [label: string, text: string][] = [
	['punctuation run after a question', fill('who reports to ', '!?', 'x')],
	['punctuation run, nothing else', fill('', ' .', 'x')],
	['separator run in an add request', fill('add ', ',', 'x')],
	['comma clauses in an add request', fill('add x as ', ', x', ' please')],
	['email-like words without an @', fill('add ', 'a.', 'x')],
	['repeated "reports to"', fill('who reports to ', 'x reports to ')],
	['repeated "to the" before a department', fill('move x ', 'to the ', 'x')],
	['repeated "in the" before an office', fill('add x as dev ', 'in the ', 'x')],
	['repeated possessive team', fill('remove x and move ', "jane's ", 'x')],
	['wrapping characters', fill('who is ', '"(<', '>)"x')],
	['repeated "as"', fill('add ', 'a as ', '\u0000')],
	['repeated "joined"', fill('x ', 'joined the ', 'x')],
	['repeated "undo the last"', fill('undo ', 'the last ', 'x')],
	// The readers of compound requests, qualified names, dotted lines and the questions of several steps.
	['repeated clauses', fill('move x under y ', 'and move x ', 'x')],
	['many names in an add request', fill('add ', 'x and ', 'y as dev')],
	['repeated "with email"', fill('add x as dev ', 'with email ', 'x')],
	['repeated "starting"', fill('add x as dev ', 'starting ', 'x')],
	['repeated pronouns', fill('move ', 'him ', 'to x')],
	['repeated "who is" after a name', fill('remove ', 'the x who is ', 'x')],
	['repeated parentheses', fill('remove x ', '(', 'x)')],
	['repeated "also reports to"', fill('x ', 'also reports to ', 'x')],
	['repeated "reports to" before a dotted line', fill('x ', 'reports to x ', '(dotted lin')],
	['repeated words before a dotted-line manager', fill('make ', 'x ', "y's dotted line managr")],
	['repeated possessive before a span', fill("what's ", "x's ", 'span of contro')],
	['repeated words before an office', fill("who's in the ", 'x ', 'offic')],
	['repeated "make"', fill('make ', 'x ', 'y')],
	['repeated "and her"', fill('', 'and her ', 'manager')]
];

/** Ordinary text of the same length: what the parser costs when nothing is pathological. */
const TRIVIAL = [fill('who is ', 'a'), fill('add ', 'word '), fill('', 'hello there ')];

function bestTime(text: string): number {
	let best = Infinity;
	for (let attempt = 0; attempt < 3; attempt++) {
		const start = performance.now();
		parseRequest(text);
		best = Math.min(best, performance.now() - start);
	}
	return best;
}

describe('the offline parser runs in linear time', () => {
	it.each(PATHOLOGICAL)('%s: about as fast as ordinary text of the same length', (_label, text) => {
		const baseline = Math.max(...TRIVIAL.map(bestTime));
		// A quadratic pattern is hundreds of times slower here; 20× leaves room for noisy machines.
		expect(bestTime(text)).toBeLessThan(baseline * 20 + 2);
	});

	it('still strips fillers, end punctuation and a closing please', () => {
		expect(normalizeRequest('Please add John Doe as a developer under Jane Smith, please!!')).toBe(
			'add John Doe as a developer under Jane Smith'
		);
		expect(normalizeRequest('who reports to Jane?!?  ')).toBe('who reports to Jane');
		expect(parseRequest('Hi there!!!')).toMatchObject({ kind: 'reply', reason: 'greeting' });
		expect(parseRequest('"Jane Smith" reports to Maria Lopez now')).toMatchObject({
			kind: 'tool',
			name: 'moveUser',
			arguments: { person: 'Jane Smith', newManager: 'Maria Lopez' }
		});
		expect(parseRequest('Move John to the Sales department')).toMatchObject({
			name: 'updateUser',
			arguments: { person: 'John', changes: { department: 'Sales' } }
		});
		expect(parseRequest('New hire: José García, Data Analyst,')).toMatchObject({
			name: 'addUser',
			arguments: { name: 'José García', title: 'Data Analyst' }
		});
	});
});
