import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDatabase, type DatabaseHandle } from '../db';
import { createConversation } from '../db/conversations';
import { closeRunIfRunning, getRun, insertRun } from '../db/runs';
import { runs } from '../db/schema';
import { ensureDemoOrganization } from '../org/seed';
import { findOrganization } from '../org/organizations';
import { keepLease } from './run-lease';

const LEASE_MS = 600;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('keepLease', () => {
	let handle: DatabaseHandle;
	let orgId: string;
	beforeAll(async () => {
		handle = await openDatabase({ kind: 'pglite' });
		await ensureDemoOrganization(handle.db);
		orgId = (await findOrganization(handle.db, 'acme'))!.id;
	});
	afterAll(() => handle.close());

	const newRun = async (owner: string) => {
		const conversation = await createConversation(handle.db, orgId, null, 'lease');
		const run = await insertRun(handle.db, {
			id: crypto.randomUUID(),
			organizationId: orgId,
			conversationId: conversation.id,
			userId: null,
			clientMessageId: null,
			lease: { owner, ms: LEASE_MS }
		});
		return run!.id;
	};

	test('keeps the leases of many runs alive, and tells the one that was closed elsewhere', async () => {
		const owner = crypto.randomUUID();
		const ids = await Promise.all(Array.from({ length: 5 }, () => newRun(owner)));
		const lost: string[] = [];
		const releases = ids.map((id) => keepLease(handle.db, id, { owner, ms: LEASE_MS }, () => lost.push(id)));
		try {
			// Several lease lengths pass: every lease is still in the future, none was lost.
			await sleep(LEASE_MS * 3);
			for (const id of ids) expect((await getRun(handle.db, id))!.leaseExpiresAt!.getTime()).toBeGreaterThan(Date.now());
			expect(lost).toEqual([]);

			// Another instance closes one run: only that run hears its lease is lost, once.
			await closeRunIfRunning(handle.db, ids[0], 'closed elsewhere');
			await sleep(LEASE_MS * 2);
			expect(lost).toEqual([ids[0]]);
		} finally {
			releases.forEach((release) => release());
		}
	});

	test('a released run is no longer renewed', async () => {
		const owner = crypto.randomUUID();
		const id = await newRun(owner);
		const release = keepLease(handle.db, id, { owner, ms: LEASE_MS }, () => {});
		release();
		await sleep(LEASE_MS * 2);
		const [row] = await handle.db.select({ expires: runs.leaseExpiresAt }).from(runs).where(eq(runs.id, id));
		expect(row.expires!.getTime()).toBeLessThan(Date.now());
	});
});
