/** How the history names who made a change and when. */
import type { ChangeActor } from '$lib/protocol';

const short = (id: string) => id.slice(0, 8);

/** "Jane Doe", "Assistant (for Jane Doe, conversation 1a2b3c4d)", "API token 9f8e7d6c", "System". */
export function actorLabel(actor: ChangeActor): string {
	switch (actor.kind) {
		case 'user':
			return actor.name ?? 'A former user';
		case 'assistant': {
			const parts = [actor.name && `for ${actor.name}`, actor.conversationId && `conversation ${short(actor.conversationId)}`].filter(Boolean);
			return parts.length ? `Assistant (${parts.join(', ')})` : 'Assistant';
		}
		case 'token':
			return actor.tokenId ? `API token ${short(actor.tokenId)}` : 'API token';
		default:
			return 'System';
	}
}

/** A change's time in the reader's locale. */
export function changeTime(at: string): string {
	return new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
