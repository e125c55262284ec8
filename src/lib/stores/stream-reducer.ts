/** Applies one protocol event to the assistant message it belongs to. No I/O: side effects stay in chat.ts. */
import { parseToolArguments, type StreamEvent } from '$lib/protocol';
import { ToolCall, type ChatMessage } from './chat-message.svelte';

/** Updates `message` for `event`. Events for tool calls it does not know are ignored. */
export function applyStreamEvent(message: ChatMessage, event: StreamEvent): void {
	switch (event.type) {
		case 'start':
			message.runId = event.runId;
			message.id = event.messageId;
			return;
		case 'delta':
			if (event.content.content) message.appendText(event.content.content);
			return;
		case 'tool_call_delta':
			message.preparingTool = event.name || message.preparingTool || 'a tool';
			return;
		case 'tool_call': {
			message.preparingTool = null;
			if (message.findToolCall(event.toolCall.id)) return;
			const { id, function: fn } = event.toolCall;
			message.addToolCall(new ToolCall({ id, name: fn.name, arguments: parseToolArguments(fn.arguments) }));
			return;
		}
		case 'tool_approval_required': {
			const call = message.findToolCall(event.toolId);
			if (!call) return;
			call.status = 'awaiting_approval';
			call.summary = event.summary;
			return;
		}
		case 'tool_approval_resolved': {
			const call = message.findToolCall(event.toolId);
			if (!call || call.status !== 'awaiting_approval') return;
			// Approved: it starts next (tool_execution_start); declined: its error follows.
			call.status = 'pending';
			call.answering = false;
			return;
		}
		case 'tool_execution_start': {
			const call = message.findToolCall(event.toolId);
			if (call && call.status === 'pending') call.status = 'executing';
			return;
		}
		case 'tool_execution_complete': {
			const call = message.findToolCall(event.toolId);
			if (!call) return;
			call.status = 'complete';
			call.result = event.result;
			return;
		}
		case 'tool_execution_error': {
			const call = message.findToolCall(event.toolId);
			if (!call) return;
			call.status = 'error';
			call.error = event.error;
			return;
		}
		case 'done':
			message.finish(event.finishReason);
			return;
		case 'error':
			message.finish('error', event.error);
			return;
	}
}
