/**
 * The phrasing table: what people actually type to the offline assistant, each in a conversation
 * state (the messages before it), and the tool calls it leads to (with their arguments) and what the
 * answer says. The assistant runs as the agent runs it, with the real tools on a fresh copy of the
 * demo organization for every row. `@Name` in expected arguments stands for that person's id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../db';
import { listPeople } from '../../db/people';
import { createDemoOrg, offlineConversation, type ExtraPerson, type MadeCall } from '../../../../../tests/helpers/offline-conversation';
import { ROWS, type Row } from './phrasings.table';

let handle: DatabaseHandle;
beforeAll(async () => {
	handle = await openDatabase({ kind: 'pglite' });
});
afterAll(async () => {
	await handle?.close();
});

/** Replaces "@Name" strings by that person's id (people added in the conversation are found by name). */
function withIds(value: unknown, ids: Map<string, string>): unknown {
	if (typeof value === 'string' && value.startsWith('@')) {
		const id = ids.get(value.slice(1));
		if (!id) throw new Error(`No person ${value} in the fixture.`);
		return id;
	}
	if (Array.isArray(value)) return value.map((item) => withIds(item, ids));
	if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, withIds(inner, ids)]));
	return value;
}

async function run(row: Row, extra: ExtraPerson[] = []) {
	const { ctx, ids } = await createDemoOrg(handle.db, [...(row.extra ?? []), ...extra]);
	const conversation = offlineConversation(ctx);
	for (const earlier of row.before ?? []) await conversation.say(earlier);
	const exchange = await conversation.say(row.say);
	// People added during the conversation are known by name afterwards.
	for (const person of await listPeople(handle.db, ctx.orgId)) if (!ids.has(person.name)) ids.set(person.name, person.id);
	return { exchange, ids, ctx };
}

const asCalls = (calls: [string, Record<string, unknown>][], ids: Map<string, string>): MadeCall[] =>
	calls.map(([name, args]) => ({ name, args: withIds(args, ids) as Record<string, unknown> }));

describe('the phrasing table', () => {
	it(`has at least 150 phrasings (${ROWS.length})`, () => {
		expect(ROWS.length).toBeGreaterThanOrEqual(150);
		expect(new Set(ROWS.map((row) => `${(row.before ?? []).join(' / ')} → ${row.say}`)).size).toBe(ROWS.length);
	});

	it.each(ROWS.map((row) => [[...(row.before ?? []), row.say].join(' → '), row] as const))('%s', async (_label, row) => {
		const { exchange, ids, ctx } = await run(row);
		if (row.calls) expect(exchange.calls).toEqual(asCalls(row.calls, ids));
		if (row.first) expect(exchange.calls.slice(0, row.first.length)).toEqual(asCalls(row.first, ids));
		if (row.noCalls) expect(exchange.calls).toEqual([]);
		for (const part of row.answer ?? []) {
			if (typeof part === 'string') expect(exchange.answer).toContain(part);
			else expect(exchange.answer).toMatch(part);
		}
		for (const part of row.not ?? []) {
			if (typeof part === 'string') expect(exchange.answer).not.toContain(part);
			else expect(exchange.answer).not.toMatch(part);
		}
		await row.check?.({ exchange, ids, people: await listPeople(handle.db, ctx.orgId) });
	});
});
