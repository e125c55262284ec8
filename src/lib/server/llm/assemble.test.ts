/** Provider variations the recordings do not show (README of provider-streams, last paragraph), written from their descriptions. */
import { describe, expect, it, test } from 'vitest';
import { createTurnAssembler, textOnlyChoice, toAssistantMessage, type ProviderChunk } from './assemble';
import { chunkSchema, type ParsedChoice } from './chunk-schema';
import { ModelError } from './types';

function chunk(delta: Record<string, unknown>, finishReason: string | null = null): ProviderChunk {
	return { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason: finishReason }] };
}

function assemble(chunks: ProviderChunk[]) {
	const assembler = createTurnAssembler();
	const updates = chunks.flatMap((item) => assembler.push(item));
	return { turn: assembler.finish(), updates };
}

describe('assembler: provider variations', () => {
	it('accepts calls sent whole in one chunk', () => {
		const { turn } = assemble([
			chunk({
				role: 'assistant',
				tool_calls: [
					{ index: 0, id: 'call_a', type: 'function', function: { name: 'getReports', arguments: '{"person":"Jane"}' } },
					{ index: 1, id: 'call_b', type: 'function', function: { name: 'getOrgStats', arguments: '{}' } }
				]
			}),
			chunk({}, 'tool_calls')
		]);
		expect(turn.toolCalls).toEqual([
			{ id: 'call_a', name: 'getReports', arguments: '{"person":"Jane"}' },
			{ id: 'call_b', name: 'getOrgStats', arguments: '{}' }
		]);
	});

	it('falls back to the id when index is missing, and to the last call when the id is missing too', () => {
		const { turn } = assemble([
			chunk({ tool_calls: [{ id: 'call_a', function: { name: 'getReports', arguments: '{"per' } }] }),
			chunk({ tool_calls: [{ id: 'call_b', function: { name: 'getChainOfCommand', arguments: '{"person":' } }] }),
			chunk({ tool_calls: [{ id: 'call_a', function: { arguments: 'son":"Jane"}' } }] }),
			chunk({ tool_calls: [{ function: { arguments: '"Bob"}' } }] }),
			chunk({}, 'tool_calls')
		]);
		expect(turn.toolCalls).toEqual([
			{ id: 'call_a', name: 'getReports', arguments: '{"person":"Jane"}' },
			{ id: 'call_b', name: 'getChainOfCommand', arguments: '{"person":"Bob"}' }
		]);
	});

	it('accepts an index that starts at 1', () => {
		const { turn, updates } = assemble([
			chunk({ tool_calls: [{ index: 1, id: 'call_1', type: 'function', function: { name: 'getOrgStats', arguments: '' } }] }),
			chunk({ tool_calls: [{ index: 1, function: { arguments: '{}' } }] }),
			chunk({}, 'tool_calls')
		]);
		expect(turn.toolCalls).toEqual([{ id: 'call_1', name: 'getOrgStats', arguments: '{}' }]);
		expect(updates.every((update) => update.kind === 'tool_call_delta' && update.index === 0)).toBe(true);
	});

	it('keeps the first id when later deltas send id ""', () => {
		const { turn } = assemble([
			chunk({ tool_calls: [{ index: 0, id: 'call_x', function: { name: 'getUserInformation', arguments: '{"person"' } }] }),
			chunk({ tool_calls: [{ index: 0, id: '', function: { arguments: ':"Jane"}' } }] }),
			chunk({}, 'tool_calls')
		]);
		expect(turn.toolCalls).toEqual([{ id: 'call_x', name: 'getUserInformation', arguments: '{"person":"Jane"}' }]);
	});

	it('never concatenates a name repeated on every delta, nor blanks it with ""', () => {
		const { turn, updates } = assemble([
			chunk({ tool_calls: [{ index: 0, id: 'call_x', function: { name: 'searchPeople', arguments: '{"query":' } }] }),
			chunk({ tool_calls: [{ index: 0, function: { name: 'searchPeople', arguments: '"design' } }] }),
			chunk({ tool_calls: [{ index: 0, function: { name: '', arguments: 'er"}' } }] }),
			chunk({}, 'tool_calls')
		]);
		expect(turn.toolCalls[0].name).toBe('searchPeople');
		expect(turn.toolCalls[0].arguments).toBe('{"query":"designer"}');
		expect(updates.map((update) => update.kind === 'tool_call_delta' && update.name)).toEqual(['searchPeople', 'searchPeople', 'searchPeople']);
	});

	it('stringifies arguments sent as a JSON object', () => {
		const { turn } = assemble([
			chunk({ tool_calls: [{ index: 0, id: 'call_o', function: { name: 'moveUser', arguments: { person: 'José García', newManager: 'Jane' } } }] }),
			chunk({}, 'tool_calls')
		]);
		expect(JSON.parse(turn.toolCalls[0].arguments)).toEqual({ person: 'José García', newManager: 'Jane' });
	});

	it('reports tool_calls when a provider says "stop" after tool calls', () => {
		const { turn } = assemble([
			chunk({ tool_calls: [{ index: 0, id: 'call_s', function: { name: 'getOrgStats', arguments: '{}' } }] }),
			chunk({}, 'stop')
		]);
		expect(turn.finishReason).toBe('tool_calls');
	});

	it('gives a call with no id a stable, unique generated id, and "{}" for no arguments', () => {
		const { turn, updates } = assemble([
			chunk({ tool_calls: [{ index: 0, function: { name: 'getOrgStats' } }] }),
			chunk({ tool_calls: [{ index: 1, function: { name: 'getOrgStats', arguments: '' } }] }),
			chunk({ tool_calls: [{ index: 1, function: { arguments: '  ' } }] }),
			chunk({}, 'tool_calls')
		]);
		const [first, second] = turn.toolCalls;
		expect(first.id).toMatch(/^call_0_[0-9a-f]+$/);
		expect(second.id).toMatch(/^call_1_[0-9a-f]+$/);
		expect(first.id).not.toBe(second.id);
		expect(updates.filter((update) => update.kind === 'tool_call_delta' && update.index === 1).map((u) => u.kind === 'tool_call_delta' && u.id)).toEqual([second.id, second.id]);
		expect(turn.toolCalls.map((call) => call.arguments)).toEqual(['{}', '{}']);
		expect(turn.finishReason).toBe('tool_calls');
	});

	it('reports a stream cut before its finish reason as unfinished, so half-sent calls are never run', () => {
		const { turn } = assemble([
			chunk({ tool_calls: [{ index: 0, id: 'call_cut', function: { name: 'addUser', arguments: '{"name":"Ann' } }] })
		]);
		expect(turn.finishReason).toBeNull();
	});

	it('keeps apart parallel calls a server puts all at index 0 with different ids', () => {
		const { turn } = assemble([
			chunk({ tool_calls: [{ index: 0, id: 'call_1', function: { name: 'getReports', arguments: '{"person":"Jane"}' } }] }),
			chunk({ tool_calls: [{ index: 0, id: 'call_2', function: { name: 'getReports', arguments: '{"person":"Bob"}' } }] })
		]);
		expect(turn.toolCalls.map((call) => call.arguments)).toEqual(['{"person":"Jane"}', '{"person":"Bob"}']);
	});

	it('throws a ModelError with the provider message for an error object in the middle of a stream', () => {
		const assembler = createTurnAssembler();
		assembler.push(chunk({ content: 'Hello' }));
		let thrown: unknown;
		try {
			assembler.push({ error: { message: 'Upstream model overloaded', type: 'server_error', code: 'overloaded' } });
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toBeInstanceOf(ModelError);
		expect((thrown as ModelError).message).toMatch(/Upstream model overloaded/);
		expect((thrown as ModelError).retryable).toBe(true);
	});

	it('never repeats an API key a provider echoes in an error', () => {
		const assembler = createTurnAssembler();
		expect(() => assembler.push({ error: { message: 'Incorrect API key provided: sk-proj-abcdef123456', code: 'invalid_api_key' } })).toThrow(
			/^(?!.*sk-proj-abcdef123456).*Incorrect API key provided: \[redacted\]/
		);
	});

	it('accepts null everywhere: usage, tool_calls, content, reasoning', () => {
		const { turn } = assemble([
			{ ...chunk({ role: 'assistant', content: null, tool_calls: null, reasoning_content: null }), usage: null },
			{ ...chunk({ content: 'Hi', tool_calls: null, refusal: null }), usage: null },
			{ ...chunk({ content: null }, 'stop'), usage: null },
			{ id: 'c', choices: [], usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 } }
		]);
		expect(turn).toEqual({ text: 'Hi', refusal: null, reasoning: '', toolCalls: [], finishReason: 'stop', usage: { promptTokens: 3, completionTokens: 1, totalTokens: 4 } });
	});

	it('reads reasoning from `reasoning` as well as `reasoning_content`', () => {
		const { turn, updates } = assemble([chunk({ reasoning: 'Think' }), chunk({ reasoning_content: 'ing' }), chunk({ content: 'Done' }, 'stop')]);
		expect(turn.reasoning).toBe('Thinking');
		expect(updates.map((update) => update.kind)).toEqual(['reasoning', 'reasoning', 'text']);
	});

	it('reports a length cut-off as such, even with tool calls', () => {
		const { turn } = assemble([chunk({ tool_calls: [{ index: 0, id: 'call_l', function: { name: 'addUser', arguments: '{"name":"Jo' } }] }, 'length')]);
		expect(turn.finishReason).toBe('length');
	});
});

describe('toAssistantMessage', () => {
	it('carries the calls for the follow-up request, and leaves tool_calls out when there are none', () => {
		const withCalls = toAssistantMessage({ text: '', refusal: null, reasoning: '', finishReason: 'tool_calls', toolCalls: [{ id: 'call_a', name: 'getOrgStats', arguments: '{}' }] });
		expect(withCalls).toEqual({ role: 'assistant', content: null, tool_calls: [{ id: 'call_a', type: 'function', function: { name: 'getOrgStats', arguments: '{}' } }] });
		const plain = toAssistantMessage({ text: 'Hello', refusal: null, reasoning: '', finishReason: 'stop', toolCalls: [] });
		expect(plain).toEqual({ role: 'assistant', content: 'Hello' });
	});
});

describe('text-only chunks read without the schema', () => {
	/** What the assembler reads of a choice: null and undefined alike. */
	const asRead = (choice: ParsedChoice | undefined) => ({
		index: choice?.index ?? null,
		content: choice?.delta?.content ?? null,
		tool_calls: choice?.delta?.tool_calls ?? null,
		refusal: choice?.delta?.refusal ?? null,
		reasoning: choice?.delta?.reasoning_content ?? choice?.delta?.reasoning ?? null,
		finish_reason: choice?.finish_reason ?? null
	});

	test.each([
		{ choices: [{ index: 0, delta: { content: 'Hi' }, finish_reason: null }] },
		{ id: 'x', object: 'chat.completion.chunk', choices: [{ delta: { role: 'assistant', content: '' }, logprobs: null }] },
		{ choices: [{ index: null, delta: { content: ' there', extra: 1 }, finish_reason: 'stop' }], usage: null }
	])('reads %j as the schema does', (chunk) => {
		const quick = textOnlyChoice(chunk);
		expect(quick).toBeDefined();
		expect(asRead(quick)).toEqual(asRead(chunkSchema.parse(chunk).choices?.[0]));
	});

	test.each([
		{ choices: [{ index: 0, delta: { content: 'Hi', tool_calls: [{ index: 0 }] } }] },
		{ choices: [{ index: -1, delta: { content: 'Hi' } }] },
		{ choices: [{ index: 0, delta: { content: 'Hi' }, finish_reason: 3 }] },
		{ choices: [{ index: 0, delta: { content: 'Hi', reasoning_content: 'hm' } }] },
		{ choices: [{ index: 0, delta: { content: 7 } }] },
		{ choices: [{ delta: { content: 'a' } }, { delta: { content: 'b' } }] },
		{ choices: [{ delta: { content: 'a' } }], usage: { prompt_tokens: 1 } },
		{ choices: [{ delta: { content: 'a' } }], error: { message: 'boom' } }
	])('leaves %j to the schema', (chunk) => {
		expect(textOnlyChoice(chunk)).toBeUndefined();
	});
});
