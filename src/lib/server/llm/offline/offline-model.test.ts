import { describe, expect, it } from 'vitest';
import { createTurnAssembler, toAssistantMessage, type AssembledTurn } from '../assemble';
import { isAbortError } from '../abort';
import type { ChatCompletionChunk, ChatCompletionMessageParam, ChatCompletionTool } from '../types';
import { createOfflineModel, tokenize } from '.';

const TOOL_NAMES = ['getUserInformation', 'searchPeople', 'addUser', 'updateUser', 'moveUser', 'removeUser', 'getReports', 'getChainOfCommand', 'getOrgStats'];
const TOOLS: ChatCompletionTool[] = TOOL_NAMES.map((name) => ({ type: 'function', function: { name, parameters: { type: 'object' } } }));

async function run(messages: ChatCompletionMessageParam[], tokenDelayMs = 0, signal = new AbortController().signal) {
	const model = createOfflineModel({ tokenDelayMs });
	const assembler = createTurnAssembler();
	const chunks: ChatCompletionChunk[] = [];
	for await (const chunk of model.streamChat({ messages, tools: TOOLS, signal })) {
		chunks.push(chunk);
		assembler.push(chunk);
	}
	return { chunks, turn: assembler.finish() };
}

const user = (content: string): ChatCompletionMessageParam => ({ role: 'user', content });
const system: ChatCompletionMessageParam = { role: 'system', content: 'You are OrganiChart Assistant.' };

/** The second request of a tool turn: the call the model made and the tool's result. */
function withResult(first: AssembledTurn, result: unknown, question: string): ChatCompletionMessageParam[] {
	return [system, user(question), toAssistantMessage(first), { role: 'tool', tool_call_id: first.toolCalls[0].id, content: JSON.stringify(result) }];
}

const jane = { id: 'p-jane', name: 'Jane Smith', title: 'VP of Engineering' };

describe('offline model', () => {
	it('streams a tool call like a provider: name first, JSON arguments in fragments, then finish and usage', async () => {
		const { chunks, turn } = await run([system, user('Add John Doe as a developer under Jane Smith')]);
		expect(turn.toolCalls).toHaveLength(1);
		expect(turn.toolCalls[0].name).toBe('addUser');
		expect(JSON.parse(turn.toolCalls[0].arguments)).toEqual({ name: 'John Doe', title: 'Developer', manager: 'Jane Smith' });
		expect(turn.finishReason).toBe('tool_calls');
		expect(turn.usage?.completionTokens).toBeGreaterThan(0);
		const fragments = chunks.filter((chunk) => chunk.choices[0]?.delta.tool_calls?.[0]?.function?.arguments);
		expect(fragments.length).toBeGreaterThan(2);
		expect(chunks[0]).toMatchObject({ object: 'chat.completion.chunk', model: 'organichart-offline' });
		expect(chunks.at(-1)).toMatchObject({ choices: [] });
	});

	it('answers from the tool result on the second call', async () => {
		const question = 'Add John Doe as a developer under Jane Smith';
		const first = (await run([system, user(question)])).turn;
		const result = { person: { id: 'p-john', name: 'John Doe', title: 'Developer', department: null, email: null, location: null, managerId: 'p-jane' }, manager: jane };
		const { turn } = await run(withResult(first, result, question));
		expect(turn.toolCalls).toEqual([]);
		expect(turn.finishReason).toBe('stop');
		expect(turn.text).toBe('Added **John Doe** as Developer, reporting to **Jane Smith** (VP of Engineering).');
	});

	it('lists the candidates of an ambiguous name and asks which one', async () => {
		const question = 'Who reports to Jane?';
		const first = (await run([system, user(question)])).turn;
		const error = { error: { code: 'ambiguous', message: '"Jane" matches 2 people.', candidates: [jane, { id: 'p-jd', name: 'Jane Doe', title: 'Designer' }] } };
		const { turn } = await run(withResult(first, error, question));
		expect(turn.text).toContain('**Jane Smith** (VP of Engineering)');
		expect(turn.text).toContain('**Jane Doe** (Designer)');
		expect(turn.text).toMatch(/Which one did you mean\?/);
	});

	it('says plainly when a person is not found', async () => {
		const question = 'Who is Zed Nobody?';
		const first = (await run([system, user(question)])).turn;
		const { turn } = await run(withResult(first, { error: { code: 'not_found', message: 'No one named "Zed Nobody" is in this organization.' } }, question));
		expect(turn.text).toMatch(/^No one named "Zed Nobody" is in this organization\./);
	});

	it('shows all reports as a tree under their managers', async () => {
		const question = 'Everyone under Jane Smith';
		const first = (await run([system, user(question)])).turn;
		expect(JSON.parse(first.toolCalls[0].arguments)).toEqual({ person: 'Jane Smith', depth: 'all' });
		const reports = [
			{ id: 'a', name: 'Ann Lee', title: 'Engineering Manager', managerId: 'p-jane', level: 1 },
			{ id: 'b', name: 'Bo Kim', title: 'Developer', managerId: 'a', level: 2 }
		];
		const { turn } = await run(withResult(first, { person: jane, depth: 'all', total: 2, reports }, question));
		expect(turn.text).toContain('2 people are under **Jane Smith**');
		expect(turn.text).toContain('- **Ann Lee** (Engineering Manager)\n  - **Bo Kim** (Developer)');
	});

	it('declines open-ended requests honestly, streamed as text without any tool call', async () => {
		const { turn, chunks } = await run([system, user('Tell me a story about a robot')]);
		expect(turn.toolCalls).toEqual([]);
		expect(turn.text).toMatch(/offline assistant/);
		expect(turn.text).toMatch(/OPENAI_BASE_URL/);
		expect(chunks.filter((chunk) => chunk.choices[0]?.delta.content).length).toBeGreaterThan(20);
	});

	it('answers the latest user message, not an earlier one', async () => {
		const { turn } = await run([system, user('Who reports to Jane?'), { role: 'assistant', content: 'Jane has 2 reports.' }, user('How many people work here?')]);
		expect(turn.toolCalls.map((call) => call.name)).toEqual(['getOrgStats']);
	});

	it('stops promptly with an AbortError when the signal aborts mid-answer', async () => {
		const controller = new AbortController();
		const started = Date.now();
		setTimeout(() => controller.abort(), 60);
		const outcome = await run([system, user('help')], 50, controller.signal).catch((error: unknown) => error);
		expect(isAbortError(outcome)).toBe(true);
		expect(Date.now() - started).toBeLessThan(500);
	});
});

describe('tokenize', () => {
	it('splits into words and punctuation that join back into the exact text', () => {
		const text = 'Added **José García** as Developer.\n\n- Email: jose@acme.test';
		const tokens = tokenize(text);
		expect(tokens.join('')).toBe(text);
		expect(tokens).toContain(' García');
		expect(tokens.length).toBeGreaterThan(10);
	});
});
