import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '$lib/protocol';
import { ChatMessage, TextPart } from './chat-message.svelte';
import { applyStreamEvent } from './stream-reducer';

function streamingMessage(): ChatMessage {
	const message = new ChatMessage('assistant', 'local');
	message.isStreaming = true;
	return message;
}

const delta = (text: string): StreamEvent => ({ type: 'delta', content: { content: text } });
const toolCall = (id: string, name: string, args: string): StreamEvent => ({
	type: 'tool_call',
	toolCall: { id, type: 'function', function: { name, arguments: args } }
});

/** What a reader sees: text parts as their markdown blocks, tool parts as name:status. */
function describeParts(message: ChatMessage): string[] {
	return message.parts.map((part) =>
		part instanceof TextPart ? `text:${[...part.blocks, part.open].filter(Boolean).join('|')}` : `tool:${part.call.name}:${part.call.status}`
	);
}

describe('applyStreamEvent', () => {
	it('takes the server ids from start and keeps text and tool cards in the order they happened', () => {
		const message = streamingMessage();
		const events: StreamEvent[] = [
			{ type: 'start', runId: 'run-1', conversationId: 'c', messageId: 'run-1' },
			delta('Let me '),
			delta('add them.'),
			{ type: 'tool_call_delta', toolId: 't1', name: 'addUser', argumentsDelta: '{"na' },
			toolCall('t1', 'addUser', '{"name":"John Doe","manager":"Jane Smith"}'),
			{ type: 'tool_execution_start', toolId: 't1', toolName: 'addUser' },
			{ type: 'tool_execution_complete', toolId: 't1', result: { id: 'p9' }, touched: ['p9'], mutated: true },
			delta('Done: John reports to Jane.'),
			{ type: 'done', finishReason: 'stop' }
		];
		for (const event of events) applyStreamEvent(message, event);
		expect(message.id).toBe('run-1');
		expect(message.runId).toBe('run-1');
		expect(describeParts(message)).toEqual(['text:Let me add them.', 'tool:addUser:complete', 'text:Done: John reports to Jane.']);
		expect(message.toolCalls[0].arguments).toEqual({ name: 'John Doe', manager: 'Jane Smith' });
		expect(message.toolCalls[0].result).toEqual({ id: 'p9' });
		expect(message.isStreaming).toBe(false);
		expect(message.content).toBe('Let me add them.Done: John reports to Jane.');
	});

	it('shows a preparing state while arguments stream, without parsing them', () => {
		const message = streamingMessage();
		applyStreamEvent(message, { type: 'tool_call_delta', toolId: 't1', name: 'moveUser', argumentsDelta: '{"person": "Ja' });
		expect(message.preparingTool).toBe('moveUser');
		expect(message.toolCalls).toHaveLength(0);
		applyStreamEvent(message, toolCall('t1', 'moveUser', '{"person":"Jane"'));
		expect(message.preparingTool).toBeNull();
		expect(message.toolCalls[0].arguments).toBe('{"person":"Jane"');
	});

	it('marks a failed tool as error with its message, and the run goes on', () => {
		const message = streamingMessage();
		applyStreamEvent(message, toolCall('t1', 'removeUser', '{"person":"Nobody"}'));
		applyStreamEvent(message, { type: 'tool_execution_start', toolId: 't1', toolName: 'removeUser' });
		applyStreamEvent(message, { type: 'tool_execution_error', toolId: 't1', error: 'No one called Nobody.' });
		applyStreamEvent(message, delta('I could not find them.'));
		expect(message.toolCalls[0]).toMatchObject({ status: 'error', error: 'No one called Nobody.' });
		expect(message.isStreaming).toBe(true);
	});

	it('on an error event keeps the text so far, records the error and closes unfinished cards', () => {
		const message = streamingMessage();
		applyStreamEvent(message, delta('Half an ans'));
		applyStreamEvent(message, toolCall('t1', 'getReports', '{"person":"Jane"}'));
		applyStreamEvent(message, { type: 'error', error: 'The model provider is rate-limiting us.' });
		expect(message.content).toBe('Half an ans');
		expect(message.error).toBe('The model provider is rate-limiting us.');
		expect(message.isStreaming).toBe(false);
		expect(message.toolCalls[0].status).toBe('error');
	});

	it('ignores a repeated tool_call (a replay after resuming) and events for unknown calls', () => {
		const message = streamingMessage();
		applyStreamEvent(message, toolCall('t1', 'addUser', '{}'));
		applyStreamEvent(message, toolCall('t1', 'addUser', '{}'));
		applyStreamEvent(message, { type: 'tool_execution_complete', toolId: 'other', result: null });
		expect(message.toolCalls).toHaveLength(1);
		expect(message.toolCalls[0].status).toBe('pending');
	});

	it('shows a call waiting for approval with its summary, then runs it once approved', () => {
		const message = streamingMessage();
		applyStreamEvent(message, toolCall('t1', 'removeUser', '{"person":"Priya Patel"}'));
		applyStreamEvent(message, {
			type: 'tool_approval_required',
			toolId: 't1',
			toolName: 'removeUser',
			arguments: { person: 'Priya Patel' },
			summary: 'Remove Priya Patel (VP of People); their 3 direct reports move to Margaret Chen (CEO).'
		});
		expect(message.toolCalls[0]).toMatchObject({ status: 'awaiting_approval', summary: expect.stringMatching(/^Remove Priya Patel/) });
		applyStreamEvent(message, { type: 'tool_approval_resolved', toolId: 't1', approved: true });
		applyStreamEvent(message, { type: 'tool_execution_start', toolId: 't1', toolName: 'removeUser' });
		expect(message.toolCalls[0].status).toBe('executing');
	});

	it('a declined call ends as an error, and a run that ends while a call waits closes it', () => {
		const message = streamingMessage();
		applyStreamEvent(message, toolCall('t1', 'removeUser', '{}'));
		applyStreamEvent(message, { type: 'tool_approval_required', toolId: 't1', toolName: 'removeUser', arguments: {}, summary: 'Remove X.' });
		applyStreamEvent(message, { type: 'tool_approval_resolved', toolId: 't1', approved: false });
		applyStreamEvent(message, { type: 'tool_execution_error', toolId: 't1', error: 'Not done: the user declined this change.' });
		expect(message.toolCalls[0]).toMatchObject({ status: 'error', error: expect.stringMatching(/declined/) });
		applyStreamEvent(message, toolCall('t2', 'removeUser', '{}'));
		applyStreamEvent(message, { type: 'tool_approval_required', toolId: 't2', toolName: 'removeUser', arguments: {}, summary: 'Remove Y.' });
		applyStreamEvent(message, { type: 'done', finishReason: 'stopped' });
		expect(message.toolCalls[1].status).toBe('error');
	});
});
