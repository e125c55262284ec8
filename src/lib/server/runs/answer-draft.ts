/**
 * The agent's answer store on the database. One model step's assistant message is saved as it
 * grows: created a moment after the first text (an answer done by then is written once, whole),
 * snapshotted about once a second (never per token), and saved whole when the step ends — a save
 * that would change nothing writes nothing — so a crash loses about a second of text. The snapshots of all the
 * answers being written on one database go out together, many rows per statement: one statement per
 * answer per second would be most of what the database does once thousands of answers stream at
 * once. Under such load snapshots come less often (see DraftSnapshots), and a crash loses more.
 */
import type { Database } from '../db';
import { insertMessage, updateMessage, updateMessages } from '../db/conversations';
import type { StoredToolCall } from '../db/schema';
import type { AnswerDraft, AnswerStore } from '../agent/answer-store';

const SNAPSHOT_INTERVAL_MS = 1000;
/** How long after its first text a message is created: a short answer's whole text then goes in one insert. */
const CREATE_DELAY_MS = 250;
/** Rows per snapshot statement: short enough that the embedded database never holds the event loop long. */
const SNAPSHOT_BATCH = 20;
/** The most of the time snapshots may keep the database busy. */
const SNAPSHOT_SHARE = 0.1;

/**
 * Keeps a run's answer as messages of its conversation, tool results included. Nothing is written
 * before `ready` says the run is recorded, nor at all if it says it never will be.
 */
export function conversationAnswerStore(db: Database, conversationId: string, runId: string, ready: Promise<boolean> = Promise.resolve(true)): AnswerStore {
	return {
		newDraft: () => new StoredAnswerDraft(db, conversationId, runId, ready),
		saveToolResult: async (toolCallId, content) => {
			if (!(await ready)) return;
			await insertMessage(db, { conversationId, runId, role: 'tool', content, toolCallId });
		}
	};
}

type SnapshotRow = { id: string; content: string; toolCalls: StoredToolCall[] | null };

export class StoredAnswerDraft implements AnswerDraft {
	toolCalls: StoredToolCall[] = [];
	/** The text in the pieces it came in, joined when read: `+=` on a string keeps a 32-byte node per piece for as long as the answer lives. */
	private pieces: string[] = [];
	private length = 0;
	private id: string | undefined;
	/** Bumped by every append; `writtenVersion` is the one the last write (begun) carried. */
	private version = 0;
	private writtenVersion = 0;
	/** Writes of this draft run one after another, so an older text never lands after a newer one. */
	private saving: Promise<void> = Promise.resolve();
	private writing = 0;
	private creating = false;
	private createdAttemptAt = Number.NEGATIVE_INFINITY;
	private createTimer: ReturnType<typeof setTimeout> | undefined;
	/** The tool calls as the last write (begun) carried them, to tell whether a save would change anything. */
	private writtenToolCalls = '[]';

	constructor(
		private readonly db: Database,
		readonly conversationId: string,
		readonly runId: string,
		/** Whether the run is recorded (its rows may be written); see conversationAnswerStore. */
		private readonly ready: Promise<boolean> = Promise.resolve(true)
	) {}

	/** Adds streamed text: the first creates the message, later ones are picked up by the next snapshot. */
	append(text: string): void {
		this.pieces.push(text);
		this.length += text.length;
		this.version++;
		if (this.id === undefined) this.createSoon();
		else snapshotsOf(this.db).track(this);
	}

	private createSoon(): void {
		if (this.createTimer || this.creating) return;
		this.createTimer = setTimeout(() => {
			this.createTimer = undefined;
			this.create();
		}, CREATE_DELAY_MS);
		this.createTimer.unref?.();
	}

	/** Creates the message now (tried again at most once a second while it fails). */
	private create(): void {
		if (this.creating || Date.now() - this.createdAttemptAt < SNAPSHOT_INTERVAL_MS) return;
		this.creating = true;
		this.createdAttemptAt = Date.now();
		// A failed first write is not fatal: the next append or the final save writes the text again.
		this.saving = this.saving
			.then(() => this.write())
			.catch((error) => console.error('[organichart] could not save the answer so far; will retry:', error))
			.finally(() => {
				this.creating = false;
				// Text that came while the message was being created goes with the next snapshot.
				if (this.id !== undefined && this.version !== this.writtenVersion) snapshotsOf(this.db).track(this);
			});
	}

	/** Saves the message as it stands now; throws if that fails, and a later save tries again. */
	async save(): Promise<void> {
		clearTimeout(this.createTimer);
		this.createTimer = undefined;
		const attempt = this.saving.then(() => (this.isSaved() ? undefined : this.write()));
		this.saving = attempt.catch(() => {});
		await attempt;
	}

	/** True when the stored row already holds this text and these tool calls. */
	private isSaved(): boolean {
		return this.id !== undefined && this.writing === 0 && this.writtenVersion === this.version && this.writtenToolCalls === JSON.stringify(this.toolCalls);
	}

	get text(): string {
		if (this.pieces.length > 1) this.pieces = [this.pieces.join('')];
		return this.pieces[0] ?? '';
	}

	get hasContent(): boolean {
		return this.length > 0 || this.toolCalls.length > 0;
	}

	/**
	 * For the shared snapshot writer: the row to write now, undefined when there is nothing to write
	 * (unchanged, or not created yet: its next append creates it), or 'later' while a write of it is
	 * under way.
	 */
	takeSnapshot(): SnapshotRow | 'later' | undefined {
		if (this.version === this.writtenVersion || this.id === undefined) return undefined;
		if (this.writing > 0) return 'later';
		this.writtenVersion = this.version;
		this.writtenToolCalls = JSON.stringify(this.toolCalls);
		return { id: this.id, content: this.text, toolCalls: this.toolCalls.length > 0 ? this.toolCalls : null };
	}

	/** Runs the shared writer's statement as this draft's next write. */
	chainSnapshot(written: Promise<boolean>): void {
		this.writing++;
		const done = written.then((ok) => {
			this.writing--;
			// Written again by the next snapshot.
			if (!ok) this.writtenVersion = -1;
		});
		this.saving = this.saving.then(() => done);
	}

	private async write(): Promise<void> {
		if (!(await this.ready)) return;
		this.writing++;
		try {
			this.writtenVersion = this.version;
			this.writtenToolCalls = JSON.stringify(this.toolCalls);
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
		} catch (error) {
			this.writtenVersion = -1;
			throw error;
		} finally {
			this.writing--;
		}
	}
}

/**
 * Every growing answer on one database, snapshotted together: about once a second, in statements
 * of a few rows with the event loop let through between them (the embedded database runs on it),
 * and never more than a tenth of the time: when a round of snapshots takes long, the next waits
 * longer, so under heavy load each answer is snapshotted less often rather than slowing them all.
 */
class DraftSnapshots {
	private pending = new Set<StoredAnswerDraft>();
	private timer: ReturnType<typeof setTimeout> | undefined;
	private flushing = false;
	private failing = false;

	constructor(private readonly db: Database) {}

	track(draft: StoredAnswerDraft): void {
		this.pending.add(draft);
		if (!this.timer && !this.flushing) this.schedule(SNAPSHOT_INTERVAL_MS);
	}

	private schedule(ms: number): void {
		this.timer = setTimeout(() => {
			this.timer = undefined;
			void this.flush();
		}, ms);
		this.timer.unref?.();
	}

	private async flush(): Promise<void> {
		this.flushing = true;
		let busyMs = 0;
		const drafts = [...this.pending];
		this.pending = new Set();
		for (let start = 0; start < drafts.length; start += SNAPSHOT_BATCH) {
			const batch: StoredAnswerDraft[] = [];
			const rows: SnapshotRow[] = [];
			for (const draft of drafts.slice(start, start + SNAPSHOT_BATCH)) {
				const row = draft.takeSnapshot();
				if (row === 'later') this.pending.add(draft);
				else if (row) {
					batch.push(draft);
					rows.push(row);
				}
			}
			if (rows.length === 0) continue;
			const began = performance.now();
			const written = updateMessages(this.db, rows).then(
				() => {
					this.failing = false;
					return true;
				},
				(error: unknown) => {
					if (!this.failing) console.error('[organichart] could not save the answers so far; will retry:', error);
					this.failing = true;
					for (const draft of batch) this.pending.add(draft);
					return false;
				}
			);
			for (const draft of batch) draft.chainSnapshot(written);
			await written;
			busyMs += performance.now() - began;
			await new Promise((resolve) => setImmediate(resolve));
		}
		this.flushing = false;
		if (this.pending.size > 0) this.schedule(Math.max(SNAPSHOT_INTERVAL_MS, busyMs * (1 / SNAPSHOT_SHARE - 1)));
	}
}

const snapshotWriters = new WeakMap<Database, DraftSnapshots>();

function snapshotsOf(db: Database): DraftSnapshots {
	let writer = snapshotWriters.get(db);
	if (!writer) snapshotWriters.set(db, (writer = new DraftSnapshots(db)));
	return writer;
}
