/**
 * The phrasings that need real tool results, through the whole product: POST /api/chat/stream on
 * the built server with the offline assistant, the seeded demo organization, and the REST API to
 * check what changed. Each row is a conversation; the last message's tool calls and answer are
 * checked against the chart as the REST API reads it.
 */
import { describe, expect, test } from 'vitest';
import type { Person } from '../../src/lib/protocol';
import { answerText, postChat, readEvents, type ReceivedEvent } from '../helpers/sse';
import { stackTargets, useAppServer } from '../helpers/targets';

type Said = { calls: { name: string; args: Record<string, unknown> }[]; answer: string };

const [embedded] = stackTargets();

describe('the offline assistant on the real app', () => {
	// Changes go ahead without waiting for Approve, so a row is one request after another.
	const app = useAppServer(embedded, () => ({ TOOL_APPROVAL: 'none' }));

	const people = async (): Promise<Person[]> => ((await (await app().fetch('/api/orgs/acme/people')).json()) as { people: Person[] }).people;
	const person = async (name: string): Promise<Person> => {
		const found = (await people()).filter((candidate) => candidate.name === name);
		expect(found, name).toHaveLength(1);
		return found[0];
	};
	const callsOf = (events: ReceivedEvent[]) =>
		events.flatMap(({ event }) => (event.type === 'tool_call' ? [{ name: event.toolCall.function.name, args: JSON.parse(event.toolCall.function.arguments) as Record<string, unknown> }] : []));

	/** A conversation: `say` sends a message and returns what the assistant did for it. */
	function conversation() {
		let conversationId: string | undefined;
		return {
			async say(text: string): Promise<Said> {
				const events = await readEvents(await postChat(app(), { text, orgId: 'acme', ...(conversationId && { conversationId }) }));
				expect(events.at(-1)?.event.type, `the answer to "${text}" ends`).toBe('done');
				const start = events[0].event;
				if (start.type === 'start') conversationId = start.conversationId;
				return { calls: callsOf(events), answer: answerText(events) };
			}
		};
	}

	/** Sends the messages in one conversation; what the assistant did for the last one. */
	async function converse(...texts: string[]): Promise<Said> {
		const chat = conversation();
		let said: Said = { calls: [], answer: '' };
		for (const text of texts) said = await chat.say(text);
		return said;
	}

	test('"Move him to Marcus" after asking about Tom Becker moves Tom; "undo that" moves him back', async () => {
		const [tom, jane, marcus] = [await person('Tom Becker'), await person('Jane Smith'), await person('Marcus Johnson')];
		const chat = conversation();
		await chat.say('Who is Tom Becker?');
		const moved = await chat.say('Move him to Marcus');
		expect(moved.calls).toEqual([{ name: 'moveUser', args: { person: tom.id, newManager: 'Marcus' } }]);
		expect((await person('Tom Becker')).managerId).toBe(marcus.id);
		const undone = await chat.say('undo that');
		expect(undone.calls).toEqual([{ name: 'undoChange', args: { changeId: expect.stringMatching(/^[0-9a-f-]{36}$/) } }]);
		expect(undone.answer).toContain('Undone');
		expect((await person('Tom Becker')).managerId).toBe(jane.id);
	});

	test('"and her manager?" follows who the conversation is about', async () => {
		const jane = await person('Jane Smith');
		const said = await converse('Who is Jane Smith?', 'and her manager?');
		expect(said.calls).toEqual([{ name: 'getChainOfCommand', args: { person: jane.id } }]);
		expect(said.answer).toContain('reports to **José García**');
	});

	test('"How many people are in Engineering?" counts and lists everyone in the department', async () => {
		const engineering = (await people()).filter((candidate) => candidate.department === 'Engineering' && !candidate.vacancy);
		const { answer } = await converse('How many people are in Engineering?');
		expect(answer).toContain(`${engineering.length} people are in the Engineering department:`);
		for (const member of engineering) expect(answer).toContain(`**${member.name}**`);
		expect(answer.match(/^- /gm)).toHaveLength(engineering.length);
	});

	test('"Who are the managers?" lists everyone with reports', async () => {
		const everyone = await people();
		const managers = everyone.filter((candidate) => everyone.some((other) => other.managerId === candidate.id));
		const { answer } = await converse('Who are the managers?');
		expect(answer).toContain(`${managers.length} people have direct reports:`);
		for (const manager of managers) expect(answer).toContain(`**${manager.name}**`);
	});

	test('"Who\'s in the London office?" lists everyone located in London', async () => {
		const london = (await people()).filter((candidate) => candidate.location === 'London');
		expect(london.length).toBeGreaterThan(0);
		const { answer } = await converse("Who's in the London office?");
		expect(answer).toContain(`${london.length} people are in the London office:`);
		for (const member of london) expect(answer).toContain(`**${member.name}**`);
	});

	test('"What\'s Jane Smith\'s span of control?" is about Jane, not the company', async () => {
		const jane = await person('Jane Smith');
		const reports = (await people()).filter((candidate) => candidate.managerId === jane.id);
		const { answer } = await converse("What's Jane Smith's span of control?");
		expect(answer).toContain(`span of control of ${reports.length}`);
		for (const report of reports) expect(answer).toContain(`**${report.name}**`);
		expect(answer).not.toContain('Acme Corporation');
	});

	test('several people in one request become several people, each with the singular title; "undo that" takes both out', async () => {
		const said = await converse('Add Anna Kowalski and Ben Ortiz as Software Engineers under Jane Smith');
		expect(said.calls.map((call) => call.args.name)).toEqual(['Anna Kowalski', 'Ben Ortiz']);
		const jane = await person('Jane Smith');
		for (const name of ['Anna Kowalski', 'Ben Ortiz']) expect(await person(name)).toMatchObject({ title: 'Software Engineer', managerId: jane.id });
		expect((await people()).some((candidate) => candidate.name.includes(' and '))).toBe(false);
		const undo = await converse('Add Carla Diaz and Dev Patel as designers under Hannah Müller', 'undo that');
		expect(undo.calls.map((call) => call.name)).toEqual(['undoChange', 'undoChange']);
		expect((await people()).filter((candidate) => ['Carla Diaz', 'Dev Patel'].includes(candidate.name))).toEqual([]);
	});

	test('a compound request makes both changes', async () => {
		await converse('Move Raj Mehta under Jane Smith and change his title to Senior SRE');
		const jane = await person('Jane Smith');
		expect(await person('Raj Mehta')).toMatchObject({ managerId: jane.id, title: 'Senior SRE' });
		await converse('Move Raj Mehta under Marcus Johnson and change his title to Site Reliability Engineer');
	});

	test('an invalid email is a clear error, and nobody is added', async () => {
		const { calls, answer } = await converse('Add Ann Lee as Engineer under Jane Smith with email not-an-email');
		expect(calls).toEqual([]);
		expect(answer).toContain('"not-an-email" is not a valid email address');
		expect((await people()).filter((candidate) => candidate.name === 'Ann Lee' || candidate.title.includes('not-an-email'))).toEqual([]);
	});

	test('an open role and a dotted line', async () => {
		await converse('add an open Senior Engineer role under Jane', 'Raj also reports to Jane Smith (dotted line)');
		const jane = await person('Jane Smith');
		const open = (await people()).filter((candidate) => candidate.vacancy);
		expect(open).toEqual([expect.objectContaining({ title: 'Senior Engineer', managerId: jane.id })]);
		expect((await person('Raj Mehta')).dottedLineManagerIds).toEqual([jane.id]);
		await converse('Remove the dotted line from Raj Mehta to Jane Smith');
		expect((await person('Raj Mehta')).dottedLineManagerIds).toEqual([]);
	});

	test('namesakes are told apart by title, department, email or a pick from the list offered', async () => {
		const added = await app().fetch('/api/orgs/acme/people', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ name: 'Jane Smith', title: 'Software Engineer', manager: 'Marcus Johnson', email: 'jane.engineer@acme.example' })
		});
		expect(added.status).toBe(201);
		const engineer = ((await added.json()) as { person: Person }).person;
		const asked = await converse('Who reports to Jane Smith?');
		expect(asked.answer).toMatch(/Which one did you mean\?/);
		const picked = await converse('Who reports to Jane Smith?', 'the one who is a Software Engineer');
		expect(picked.calls.at(-1)).toEqual({ name: 'getReports', args: { person: engineer.id, depth: 'direct' } });
		const byEmail = await converse('Who is Jane Smith (jane.engineer@acme.example)?');
		expect(byEmail.calls.at(-1)).toEqual({ name: 'getUserInformation', args: { person: engineer.id } });
		await converse('Remove Jane Smith (Engineer)');
		const left = (await people()).filter((candidate) => candidate.name === 'Jane Smith');
		expect(left.map((candidate) => candidate.title)).toEqual(['Engineering Manager']);
	});

	test('"the second one" picks from the list the assistant offered', async () => {
		const said = await converse('Who is Daniel?', 'the second one');
		expect(said.calls).toEqual([{ name: 'getUserInformation', args: { person: (await person('Daniel Weber')).id } }]);
	});

	test('names in answers are text: a person named <img src=x onerror=alert(1)> is escaped, never markup', async () => {
		await app().fetch('/api/orgs/acme/people', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ name: '<img src=x onerror=alert(1)>', title: '*bold* [x](y)', manager: 'Hannah Müller' })
		});
		const { answer } = await converse('Who reports to Hannah Müller?');
		expect(answer).toContain('**\\<img src=x onerror=alert(1)\\>** (\\*bold\\* \\[x\\](y))');
		// Every < is escaped, so no markdown renderer sees a tag.
		expect(answer).not.toMatch(/(?<!\\)</);
	});
});
