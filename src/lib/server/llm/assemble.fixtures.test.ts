/** Every recording in shared/fixtures/provider-streams, against the expected results in its README. */
import { describe, expect, it } from 'vitest';
import { fixtureFiles, fixturesAvailable, fixturesSkipReason, loadFixtureChunks } from '../../../../tests/helpers/provider-fixtures';
import { createTurnAssembler, type AssembledTurn, type AssemblyUpdate } from './assemble';

function assemble(file: string): { turn: AssembledTurn; updates: AssemblyUpdate[] } {
	const assembler = createTurnAssembler();
	const updates = loadFixtureChunks(file).flatMap((chunk) => assembler.push(chunk));
	return { turn: assembler.finish(), updates };
}

/** The expected outcome of each recording, as its README states it. */
const EXPECTED: Record<string, (turn: AssembledTurn) => void> = {
	'openai-gpt4o-single-tool-call.sse': (turn) => {
		expect(turn.toolCalls).toEqual([
			{ id: 'call_c91SqDXlYFuETYv8mUHzz6pp', name: 'GetWeatherArgs', arguments: '{"city":"Edinburgh","country":"UK","units":"c"}' }
		]);
		expect(turn.finishReason).toBe('tool_calls');
		expect(turn.usage).toEqual({ promptTokens: 76, completionTokens: 24, totalTokens: 100 });
	},
	'openai-gpt4o-parallel-tool-calls.sse': (turn) => {
		expect(turn.toolCalls.map(({ name, arguments: args }) => [name, args])).toEqual([
			['GetWeatherArgs', '{"city": "Edinburgh", "country": "GB", "units": "c"}'],
			['get_stock_price', '{"ticker": "AAPL", "exchange": "NASDAQ"}']
		]);
		expect(new Set(turn.toolCalls.map((call) => call.id)).size).toBe(2);
		expect(turn.finishReason).toBe('tool_calls');
		expect(turn.usage).toEqual({ promptTokens: 149, completionTokens: 60, totalTokens: 209 });
	},
	'openai-gpt4o-text.sse': (turn) => {
		expect(turn.text.startsWith("I'm unable to provide real-time weather updates.")).toBe(true);
		expect(turn.toolCalls).toEqual([]);
		expect(turn.finishReason).toBe('stop');
		expect(turn.usage).toEqual({ promptTokens: 14, completionTokens: 30, totalTokens: 44 });
	},
	'openai-gpt4o-length-cutoff.sse': (turn) => {
		expect(turn.text).toBe('{"');
		expect(turn.finishReason).toBe('length');
	},
	'openai-gpt4o-refusal.sse': (turn) => {
		expect(turn.text).toBe('');
		expect(turn.refusal).toMatch(/^I'm sorry/);
		expect(turn.finishReason).toBe('stop');
	},
	'openai-gpt4o-three-choices.sse': (turn) => {
		expect(turn.text).toBe(choiceText('openai-gpt4o-three-choices.sse', 0));
		expect(turn.finishReason).toBe('stop');
		expect(turn.usage?.totalTokens).toBe(121);
	},
	'deepseek-reasoner-tool-call.chunks.txt': (turn) => {
		expect(turn.toolCalls).toEqual([{ id: 'call_00_ioIn7yN9p1ZOMNpDLwd4MgAF', name: 'weather', arguments: '{"location": "San Francisco"}' }]);
		expect(turn.reasoning.length).toBeGreaterThan(0);
		expect(turn.text).toBe('');
		expect(turn.finishReason).toBe('tool_calls');
		expect(turn.usage).toEqual({ promptTokens: 339, completionTokens: 83, totalTokens: 422 });
	},
	'mistral-incremental-tool-call.chunks.txt': (turn) => {
		expect(turn.toolCalls).toEqual([
			{ id: 'chatcmpl-tool-9f149c74c42f265b', name: 'webSearchTool', arguments: '{"query": "current Berlin weather"}' }
		]);
		expect(turn.finishReason).toBe('tool_calls');
		expect(turn.usage).toEqual({ promptTokens: 171, completionTokens: 14, totalTokens: 185 });
	},
	'azure-sglang-reasoning.chunks.txt': (turn) => {
		expect(turn.toolCalls).toEqual([]);
		expect(turn.text.startsWith('Exciting news, Knicks fans')).toBe(true);
		expect(turn.reasoning.length).toBeGreaterThan(0);
		expect(turn.finishReason).toBe('stop');
		expect(turn.usage).toEqual({ promptTokens: 19, completionTokens: 1720, totalTokens: 1739 });
	}
};

/** One choice's text read straight from the recording, independently of the assembler. */
function choiceText(file: string, index: number): string {
	type RawChoice = { index: number; delta?: { content?: string | null } };
	return loadFixtureChunks(file)
		.flatMap((chunk) => (chunk.choices as RawChoice[]) ?? [])
		.filter((choice) => choice.index === index)
		.map((choice) => choice.delta?.content ?? '')
		.join('');
}

describe.skipIf(!fixturesAvailable)(`assembler on real provider recordings${fixturesAvailable ? '' : ` (skipped: ${fixturesSkipReason})`}`, () => {
	it('has an expectation for every recording in the folder', () => {
		expect(fixtureFiles().sort()).toEqual(Object.keys(EXPECTED).sort());
	});

	it.each(Object.keys(EXPECTED))('%s', (file) => {
		const { turn } = assemble(file);
		EXPECTED[file](turn);
		for (const call of turn.toolCalls) expect(() => JSON.parse(call.arguments)).not.toThrow();
	});

	it('keeps the choices of an n=3 stream apart: choice 1 can be read on its own', () => {
		const assembler = createTurnAssembler({ choiceIndex: 1 });
		for (const chunk of loadFixtureChunks('openai-gpt4o-three-choices.sse')) assembler.push(chunk);
		const choice1 = choiceText('openai-gpt4o-three-choices.sse', 1);
		expect(assembler.finish().text).toBe(choice1);
		expect(choice1.length).toBeGreaterThan(0);
	});

	it('streams text and argument fragments as updates, with the call id on every fragment', () => {
		const { updates } = assemble('openai-gpt4o-parallel-tool-calls.sse');
		const fragments = updates.filter((update) => update.kind === 'tool_call_delta');
		expect(fragments.length).toBeGreaterThan(10);
		const first = fragments.filter((update) => update.index === 0);
		expect(new Set(first.map((update) => update.id))).toEqual(new Set(['call_JMW1whyEaYG438VE1OIflxA2']));
		expect(first.map((update) => update.argumentsDelta).join('')).toBe('{"city": "Edinburgh", "country": "GB", "units": "c"}');
	});

	it('reports the refusal as refusal updates, not as text', () => {
		const { updates } = assemble('openai-gpt4o-refusal.sse');
		expect(updates.some((update) => update.kind === 'text')).toBe(false);
		expect(updates.filter((update) => update.kind === 'refusal').length).toBeGreaterThan(1);
	});
});
