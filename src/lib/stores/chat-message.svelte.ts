/**
 * One chat message as fine-grained reactive state: a streamed token touches only the text part
 * it belongs to, never the history list or the other messages (DESIGN defect 8).
 */
import type { ConversationMessage, ToolCallView } from '$lib/protocol';
import { MarkdownBlockSplitter, splitMarkdownBlocks } from '$lib/client/markdown-blocks';
import { scheduleFrame } from './frame-scheduler';

export type ToolCallStatus = ToolCallView['status'];

/** A tool call card: created on `tool_call`, then pending → (awaiting_approval →) executing → complete | error. */
export class ToolCall {
	readonly id: string;
	readonly name: string;
	arguments = $state<unknown>(undefined);
	status = $state<ToolCallStatus>('pending');
	result = $state<unknown>(undefined);
	error = $state<string | undefined>(undefined);
	/** What the call would change, for a call that asks the user's approval. */
	summary = $state<string | undefined>(undefined);
	/** True while the user's approve or deny is on its way to the server. */
	answering = $state(false);

	constructor(view: Pick<ToolCallView, 'id' | 'name' | 'arguments'> & Partial<ToolCallView>) {
		this.id = view.id;
		this.name = view.name;
		this.arguments = view.arguments;
		this.status = view.status ?? 'pending';
		this.result = view.result;
		this.error = view.error;
		this.summary = view.summary;
	}
}

/**
 * Finished blocks per group. A group is one element on screen, which the browser skips while it
 * is off-screen (see MarkdownText.svelte): groups keep the per-frame layout and paint work of a
 * long answer near that of a short one, and only the last group ever changes.
 */
export const BLOCKS_PER_GROUP = 16;

/** A run of answer text between tool calls. Finished markdown blocks are shown once; the open one per frame. */
export class TextPart {
	readonly kind = 'text';
	/** Finished blocks in groups of up to BLOCKS_PER_GROUP, appended to only. */
	groups = $state<string[][]>([]);
	/** The block still being written. */
	open = $state('');
	private readonly splitter = new MarkdownBlockSplitter();
	private unsent = '';
	private readonly flush = () => this.applyUnsent();

	/** Every finished block, in order. */
	get blocks(): string[] {
		return this.groups.flat();
	}

	/** Adds streamed text; the display catches up on the next animation frame. */
	append(delta: string): void {
		this.unsent += delta;
		scheduleFrame(this.flush);
	}

	/** The text is complete: show it all now. */
	close(): void {
		this.applyUnsent();
		this.addBlocks(this.splitter.finish());
		this.open = '';
	}

	/** A part holding stored, complete text. */
	static complete(text: string): TextPart {
		const part = new TextPart();
		const blocks = splitMarkdownBlocks(text);
		part.groups = Array.from({ length: Math.ceil(blocks.length / BLOCKS_PER_GROUP) }, (_, index) =>
			blocks.slice(index * BLOCKS_PER_GROUP, (index + 1) * BLOCKS_PER_GROUP)
		);
		return part;
	}

	private addBlocks(blocks: string[]): void {
		for (const block of blocks) {
			const last = this.groups.at(-1);
			if (last && last.length < BLOCKS_PER_GROUP) last.push(block);
			else this.groups.push([block]);
		}
	}

	private applyUnsent(): void {
		if (!this.unsent) return;
		const finished = this.splitter.append(this.unsent);
		this.unsent = '';
		this.addBlocks(finished);
		this.open = this.splitter.openBlock;
	}
}

export type ToolPart = { kind: 'tool'; call: ToolCall };
export type MessagePart = TextPart | ToolPart;

export type ChatRole = 'user' | 'assistant';

/** A message of the conversation. Assistant messages hold text and tool cards in the order they happened. */
export class ChatMessage {
	id: string;
	readonly role: ChatRole;
	readonly timestamp: Date;
	runId: string | null = null;
	/** The whole text so far (user text, or the answer's concatenated deltas). */
	content = $state('');
	isStreaming = $state(false);
	parts = $state<MessagePart[]>([]);
	toolCalls = $state<ToolCall[]>([]);
	/** A tool whose arguments are still streaming, shown as "preparing…" (never parsed). */
	preparingTool = $state<string | null>(null);
	error = $state<string | null>(null);
	finishReason = $state<string | null>(null);
	/** User messages the server refused (e.g. a run was already active). */
	notSent = $state(false);

	constructor(role: ChatRole, id: string, content = '', timestamp = new Date()) {
		this.role = role;
		this.id = id;
		this.content = content;
		this.timestamp = timestamp;
	}

	/** Rebuilds a stored message of GET /api/chat/conversations/:id. */
	static fromStored(stored: ConversationMessage): ChatMessage {
		const message = new ChatMessage(stored.role, stored.id, stored.content, new Date(stored.createdAt));
		message.runId = stored.runId;
		if (stored.role === 'assistant') {
			const calls = new Map(stored.toolCalls.map((view) => [view.id, view]));
			for (const part of stored.parts) {
				const view = part.kind === 'tool' ? calls.get(part.toolCallId) : undefined;
				if (view) message.addToolCall(new ToolCall(view));
				else if (part.kind === 'text') message.parts.push(TextPart.complete(part.text));
			}
			message.finishReason = stored.status === 'stopped' ? 'stopped' : null;
		}
		return message;
	}

	/** Appends answer text to the current text part (opening one after a tool card). */
	appendText(delta: string): void {
		this.content += delta;
		const last = this.parts.at(-1);
		if (last instanceof TextPart) last.append(delta);
		else {
			const part = new TextPart();
			part.append(delta);
			this.parts.push(part);
		}
	}

	/** Adds a tool card after the text so far. */
	addToolCall(call: ToolCall): void {
		this.closeText();
		this.toolCalls.push(call);
		this.parts.push({ kind: 'tool', call });
	}

	findToolCall(id: string): ToolCall | undefined {
		return this.toolCalls.find((call) => call.id === id);
	}

	/** Ends streaming: flushes the text and closes the cards left unfinished. */
	finish(finishReason: string | null, error: string | null = null): void {
		this.closeText();
		this.isStreaming = false;
		this.preparingTool = null;
		this.finishReason = finishReason;
		this.error = error;
		for (const call of this.toolCalls) {
			if (call.status === 'pending' || call.status === 'awaiting_approval' || call.status === 'executing') {
				call.status = 'error';
				call.error = finishReason === 'stopped' ? 'Stopped before it finished.' : 'The answer ended before this finished.';
			}
		}
	}

	private closeText(): void {
		const last = this.parts.at(-1);
		if (last instanceof TextPart) last.close();
	}
}
