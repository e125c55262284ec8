import { describe, expect, it } from 'vitest';
import { parseRequest } from './intent';

type Expected = [tool: string, args: Record<string, unknown>];

const TOOL_REQUESTS: [string, Expected][] = [
	// add
	['Add John Doe as a developer under Jane Smith', ['addUser', { name: 'John Doe', title: 'Developer', manager: 'Jane Smith' }]],
	[
		'Hire Anne-Marie Dubois as senior software engineer reporting to Jane Smith',
		['addUser', { name: 'Anne-Marie Dubois', title: 'Senior Software Engineer', manager: 'Jane Smith' }]
	],
	["Add Siobhán O'Brien, a product designer, to Jane's team", ['addUser', { name: "Siobhán O'Brien", title: 'Product Designer', manager: 'Jane' }]],
	['New hire: José García, Data Analyst, reports to Jane Smith', ['addUser', { name: 'José García', title: 'Data Analyst', manager: 'Jane Smith' }]],
	[
		'Please add John Doe as a developer in Engineering under Jane Smith.',
		['addUser', { name: 'John Doe', title: 'Developer', manager: 'Jane Smith', department: 'Engineering' }]
	],
	[
		'add priya patel as a qa engineer under Jane Smith with email priya@acme.test',
		['addUser', { name: 'Priya Patel', title: 'QA Engineer', manager: 'Jane Smith', email: 'priya@acme.test' }]
	],
	[
		'Hire Li Wei as VP of Sales, reporting to Maria Lopez, based in Berlin',
		['addUser', { name: 'Li Wei', title: 'VP of Sales', manager: 'Maria Lopez', location: 'Berlin' }]
	],
	['Add Tom Baker as an intern', ['addUser', { name: 'Tom Baker', title: 'Intern' }]],
	// undoChange: the latest change of this conversation
	['undo', ['undoChange', {}]],
	['Undo that', ['undoChange', {}]],
	['undo the last change', ['undoChange', {}]],
	['Revert that.', ['undoChange', {}]],
	['please undo that', ['undoChange', {}]],
	['roll back the last change', ['undoChange', {}]],
	// getUserInformation
	['Who is Jane Smith?', ['getUserInformation', { person: 'Jane Smith' }]],
	['Tell me about José García', ['getUserInformation', { person: 'José García' }]],
	["What is Anne-Marie Dubois's email?", ['getUserInformation', { person: 'Anne-Marie Dubois' }]],
	['who is siobhán o’brien', ['getUserInformation', { person: "siobhán o'brien" }]],
	['Look up John', ['getUserInformation', { person: 'John' }]],
	// getReports
	['Who reports to Jane?', ['getReports', { person: 'Jane', depth: 'direct' }]],
	["Show me Jane's reports", ['getReports', { person: 'Jane', depth: 'direct' }]],
	["Who is on Siobhán O'Brien's team?", ['getReports', { person: "Siobhán O'Brien", depth: 'direct' }]],
	['Who does Jane Smith manage?', ['getReports', { person: 'Jane Smith', depth: 'direct' }]],
	['Everyone under Jane Smith', ['getReports', { person: 'Jane Smith', depth: 'all' }]],
	["Show Jane's whole org", ['getReports', { person: 'Jane', depth: 'all' }]],
	['List all of Jane’s reports', ['getReports', { person: 'Jane', depth: 'all' }]],
	// getChainOfCommand
	["Who is Siobhán O'Brien's manager?", ['getChainOfCommand', { person: "Siobhán O'Brien" }]],
	['Who is Siobhán O’Brien’s manager?', ['getChainOfCommand', { person: "Siobhán O'Brien" }]],
	['Who does John Doe report to?', ['getChainOfCommand', { person: 'John Doe' }]],
	['Chain of command for Anne-Marie Dubois', ['getChainOfCommand', { person: 'Anne-Marie Dubois' }]],
	["What's James' reporting line?", ['getChainOfCommand', { person: 'James' }]],
	// moveUser
	['Move John Doe under Jane Smith', ['moveUser', { person: 'John Doe', newManager: 'Jane Smith' }]],
	['John Doe now reports to José García', ['moveUser', { person: 'John Doe', newManager: 'José García' }]],
	['Make Anne-Marie Dubois report to Jane', ['moveUser', { person: 'Anne-Marie Dubois', newManager: 'Jane' }]],
	["Move Siobhán O'Brien to Jane's team", ['moveUser', { person: "Siobhán O'Brien", newManager: 'Jane' }]],
	["Change John's manager to Jane Smith", ['moveUser', { person: 'John', newManager: 'Jane Smith' }]],
	// updateUser
	["Change John Doe's title to senior developer", ['updateUser', { person: 'John Doe', changes: { title: 'Senior Developer' } }]],
	['Promote Jane Smith to VP of Engineering', ['updateUser', { person: 'Jane Smith', changes: { title: 'VP of Engineering' } }]],
	["Set José García's department to platform", ['updateUser', { person: 'José García', changes: { department: 'Platform' } }]],
	["Update John's email to john.doe@acme.test", ['updateUser', { person: 'John', changes: { email: 'john.doe@acme.test' } }]],
	["Change Anne-Marie Dubois's location to Paris", ['updateUser', { person: 'Anne-Marie Dubois', changes: { location: 'Paris' } }]],
	['Move John Doe to the Sales department', ['updateUser', { person: 'John Doe', changes: { department: 'Sales' } }]],
	['Rename Jon Doe to John Doe', ['updateUser', { person: 'Jon Doe', changes: { name: 'John Doe' } }]],
	// removeUser
	['Remove John Doe', ['removeUser', { person: 'John Doe' }]],
	['Delete Jane Smith and reassign her reports to José García', ['removeUser', { person: 'Jane Smith', reassignReportsTo: 'José García' }]],
	["Siobhán O'Brien left the company", ['removeUser', { person: "Siobhán O'Brien" }]],
	// getOrgStats
	['How many people work here?', ['getOrgStats', {}]],
	["What's our headcount?", ['getOrgStats', {}]],
	['Show org stats', ['getOrgStats', {}]],
	// searchPeople
	['Find people in Engineering', ['searchPeople', { query: 'Engineering' }]],
	['List all designers', ['searchPeople', { query: 'designer' }]],
	['find engineers', ['searchPeople', { query: 'engineer' }]],
	['Search for García', ['searchPeople', { query: 'García' }]],
	['Who is the CTO?', ['searchPeople', { query: 'Chief Technology Officer' }]],
	['Who works in Marketing?', ['searchPeople', { query: 'Marketing' }]]
];

describe('parseRequest: org chart requests become tool calls', () => {
	it.each(TOOL_REQUESTS)('%s', (text, [tool, args]) => {
		expect(parseRequest(text)).toEqual({ kind: 'tool', name: tool, arguments: args });
	});
});

describe('parseRequest: replies without a tool', () => {
	it.each([
		['hello', 'greeting'],
		['Hi there!', 'greeting'],
		['help', 'help'],
		['What can you do?', 'help'],
		['thanks!', 'thanks']
	])('%s → %s', (text, reason) => {
		expect(parseRequest(text)).toMatchObject({ kind: 'reply', reason });
	});

	it('lists what it can do when asked for help', () => {
		const intent = parseRequest('what can you do');
		expect(intent.kind === 'reply' && intent.text).toMatch(/Who reports to/);
		expect(intent.kind === 'reply' && intent.text).toMatch(/Add John Doe/);
	});

	it.each([
		'Tell me a story about a robot',
		"What's the weather in Paris?",
		'What is the capital of France?',
		'Write me a poem about spreadsheets',
		'Create a quarterly report for the board',
		'Who won the world cup in 2018?'
	])('declines honestly: %s', (text) => {
		const intent = parseRequest(text);
		expect(intent).toMatchObject({ kind: 'reply', reason: 'decline' });
		const reply = intent.kind === 'reply' ? intent.text : '';
		expect(reply).toMatch(/offline assistant/);
		expect(reply).toMatch(/org chart/);
		expect(reply).toMatch(/OPENAI_BASE_URL/);
	});

	it.each([
		'Jane Smith is now Senior Engineering Manager',
		'Change Jane Smith title to Director and department to Platform',
		'Can you tidy up the Sales team a bit?'
	])('says it did not understand an org request it cannot parse, instead of calling it off-topic: %s', (text) => {
		const intent = parseRequest(text);
		expect(intent).toMatchObject({ kind: 'reply', reason: 'unclear' });
		const reply = intent.kind === 'reply' ? intent.text : '';
		expect(reply).toMatch(/didn't understand/);
		expect(reply).toMatch(/Change Jane Smith's title to/);
		expect(reply).not.toMatch(/can't help with that/);
	});

	it('asks for a title when adding someone without one', () => {
		const intent = parseRequest('Add John Doe under Jane Smith');
		expect(intent).toMatchObject({ kind: 'reply', reason: 'clarify' });
		expect(intent.kind === 'reply' && intent.text).toMatch(/John Doe.*job title/);
	});

	it('asks who is meant instead of looking up a pronoun', () => {
		expect(parseRequest('Who is her manager?')).toMatchObject({ kind: 'reply', reason: 'clarify' });
		expect(parseRequest('who reports to me')).toMatchObject({ kind: 'reply', reason: 'clarify' });
	});
});
