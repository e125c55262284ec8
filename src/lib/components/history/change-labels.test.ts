import { describe, expect, test } from 'vitest';
import { actorLabel } from './change-labels';

describe('actorLabel', () => {
	test('names the user, the assistant with whom and in which conversation, or the token', () => {
		expect(actorLabel({ kind: 'user', userId: 'u1', name: 'Jane Doe' })).toBe('Jane Doe');
		expect(actorLabel({ kind: 'user', userId: 'u1' })).toBe('A former user');
		expect(actorLabel({ kind: 'assistant', name: 'Jane Doe', conversationId: '148d1288-aaaa-bbbb-cccc-000000000000', runId: 'r' })).toBe(
			'Assistant (for Jane Doe, conversation 148d1288)'
		);
		expect(actorLabel({ kind: 'assistant' })).toBe('Assistant');
		expect(actorLabel({ kind: 'token', tokenId: '9f8e7d6c-0000' })).toBe('API token 9f8e7d6c');
		expect(actorLabel({ kind: 'system' })).toBe('System');
	});
});
