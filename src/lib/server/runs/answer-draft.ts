/**
 * The agent's answer store on the database. One model step's assistant message is saved as it grows: created at the first text, snapshotted at
 * most once a second (never per token), and saved whole when the step ends, so a crash or a stop
 * loses at most a second of text.
 */
import type { Database } from '../db';
import { insertMessage, updateMessage } from '../db/conversations';
import type { StoredToolCall } from '../db/schema';
import type { AnswerDraft, AnswerStore } from '../agent/answer-store';

const SNAPSHOT_INTERVAL_MS = 1000;

/** Keeps a run's answer as messages of its conversation, tool results included. */
export function conversationAnswerStore(db: Database, conversationId: string, runId: string): AnswerStore {
	return {
		newDraft: () => new StoredAnswerDraft(db, conversationId, runId),
		saveToolResult: async (toolCallId, content) => {
			await insertMessage(db, { conversationId, runId, role: 'tool', content, toolCallId });
		}
	};
}

export class StoredAnswerDraft implements AnswerDraft {
	text = '';
	toolCalls: StoredToolCall[] = [];
	private id: string | undefined;
	private lastSaved = 0;
	private saving: Promise<void> = Promise.resolve();

	constructor(
		private readonly db: Database,
		readonly conversationId: string,
		readonly runId: string
	) {}

	/** Adds streamed text; saves a snapshot if the last one is over a second old. */
	append(text: string): void {
		this.text += text;
		if (Date.now() - this.lastSaved < SNAPSHOT_INTERVAL_MS) return;
		// A failed snapshot is not fatal: the next snapshot or the final save writes the text again.
		this.saving = this.saving
			.then(() => this.write())
			.catch((error) => console.error('[organichart] could not save the answer so far; will retry:', error));
	}

	/** Saves the message as it stands now; throws if that fails, and a later save tries again. */
	async save(): Promise<void> {
		const attempt = this.saving.then(() => this.write());
		this.saving = attempt.catch(() => {});
		await attempt;
	}

	get hasContent(): boolean {
		return this.text.length > 0 || this.toolCalls.length > 0;
	}

	private async write(): Promise<void> {
		this.lastSaved = Date.now();
		if (!this.hasContent) return;
		const toolCalls = this.toolCalls.length > 0 ? this.toolCalls : null;
		if (this.id) {
			await updateMessage(this.db, this.id, { content: this.text, toolCalls });
			return;
		}
		const row = await insertMessage(this.db, {
			conversationId: this.conversationId,
			runId: this.runId,
			role: 'assistant',
			content: this.text,
			toolCalls
		});
		this.id = row.id;
	}
}
