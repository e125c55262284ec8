/**
 * The conversation a browser is in, per organization, kept in localStorage so a reload restores it
 * and resumes an answer still being written (FIELD-NOTES chat #1).
 */
import { z } from 'zod';

const savedChatSchema = z.object({
	conversationId: z.string().nullable(),
	runId: z.string().nullable().default(null),
	lastEventId: z.number().int().nonnegative().default(0)
});
export type SavedChat = z.infer<typeof savedChatSchema>;

const keyFor = (orgId: string) => `organichart:chat:${orgId}`;

/** Storage can be missing or throw (private modes, quotas); the chat then simply is not remembered. */
function storage(): Storage | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null;
	}
}

/** The saved chat of an organization, or null. */
export function loadSavedChat(orgId: string): SavedChat | null {
	try {
		const raw = storage()?.getItem(keyFor(orgId));
		if (!raw) return null;
		const parsed = savedChatSchema.safeParse(JSON.parse(raw));
		return parsed.success ? parsed.data : null;
	} catch {
		return null;
	}
}

/** Remembers the chat of an organization (null forgets it). */
export function saveChat(orgId: string, chat: SavedChat | null): void {
	try {
		if (chat === null || chat.conversationId === null) storage()?.removeItem(keyFor(orgId));
		else storage()?.setItem(keyFor(orgId), JSON.stringify(chat));
	} catch {
		// Not remembered; the chat still works for this page.
	}
}

/** Forgets the saved chats of every organization (on sign-out: the next person starts fresh). */
export function forgetSavedChats(): void {
	try {
		const store = storage();
		if (!store) return;
		const keys = Array.from({ length: store.length }, (_, index) => store.key(index)).filter((key) => key?.startsWith(keyFor('')));
		for (const key of keys) if (key) store.removeItem(key);
	} catch {
		// Nothing more to do: the server still checks who may read a conversation.
	}
}
