/**
 * The built app serving generated organizations (bench/lib/generate-org.ts) of any size: it is
 * started once to create the schema and the organizations (POST /api/orgs), stopped, the people
 * are bulk inserted into its database (PGlite in its DATA_DIR, or a throwaway PostgreSQL database),
 * and it is started again on the same data.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import { generateOrg, insertOrg, type GeneratedPerson } from '../../bench/lib/generate-org';
import { startAppServer, type AppServer } from './app-server';

/** `span`: the usual number of reports per manager (7 unless given); `people`: these instead of a generated org (`size` is then their count). */
export type GeneratedOrgSpec = { slug: string; name: string; size: number; span?: number; seed?: number; people?: GeneratedPerson[] };
export type GeneratedOrg = GeneratedOrgSpec & { id: string; people: GeneratedPerson[] };
export type AppWithOrgs = { app: AppServer; orgs: GeneratedOrg[]; stop: () => Promise<void> };

/**
 * Starts the app (with `env`) serving `specs` as organizations owned by the test owner. With
 * `databaseUrl` the data lives in a new database on that PostgreSQL server, dropped by `stop`.
 */
export async function startAppWithGeneratedOrgs(
	specs: GeneratedOrgSpec[],
	options: { env?: Record<string, string>; databaseUrl?: string; log?: (message: string) => void } = {}
): Promise<AppWithOrgs> {
	const log = options.log ?? (() => {});
	const dataDir = mkdtempSync(join(tmpdir(), 'organichart-generated-'));
	const database = options.databaseUrl ? await createThrowawayDatabase(options.databaseUrl) : null;
	const env = { ...options.env, ...(database && { DATABASE_URL: database.url }) };
	const cleanUp = async () => {
		await database?.drop();
		rmSync(dataDir, { recursive: true, force: true });
	};
	try {
		const first = await startAppServer(env, dataDir);
		const orgs: GeneratedOrg[] = [];
		try {
			for (const spec of specs) {
				const response = await first.fetch('/api/orgs', {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ name: spec.name, slug: spec.slug })
				});
				if (response.status !== 201) throw new Error(`Creating ${spec.slug} failed: ${response.status} ${await response.text()}`);
				const { organization } = (await response.json()) as { organization: { id: string } };
				orgs.push({ ...spec, id: organization.id, people: spec.people ?? generateOrg(spec.size, { span: spec.span, seed: spec.seed }) });
			}
		} finally {
			await first.stop();
		}
		const started = Date.now();
		await insertPeople(database?.url ?? null, dataDir, orgs);
		log(`inserted ${orgs.reduce((sum, org) => sum + org.people.length, 0)} people in ${Date.now() - started} ms`);
		// The app prepares rows written outside it (their search keys) before it serves: allow for that.
		const people = orgs.reduce((sum, org) => sum + org.people.length, 0);
		const app = await startAppServer(env, dataDir, { startTimeoutMs: 60_000 + people * 3 });
		return {
			app,
			orgs,
			stop: async () => {
				await app.stop();
				await cleanUp();
			}
		};
	} catch (error) {
		await cleanUp();
		throw error;
	}
}

async function insertPeople(databaseUrl: string | null, dataDir: string, orgs: GeneratedOrg[]): Promise<void> {
	if (databaseUrl) {
		const client = new pg.Client({ connectionString: databaseUrl });
		await client.connect();
		try {
			for (const org of orgs) await insertOrg(client, org.id, org.people);
		} finally {
			await client.end();
		}
		return;
	}
	// The app opens its database with these extensions (src/lib/server/db/index.ts); its indexes need them.
	const client = new PGlite(join(dataDir, 'pglite'), { extensions: { pg_trgm } });
	try {
		for (const org of orgs) await client.transaction((tx) => insertOrg(tx, org.id, org.people));
	} finally {
		await client.close();
	}
}

async function createThrowawayDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
	const name = `organichart_generated_${randomBytes(6).toString('hex')}`;
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	try {
		await admin.query(`create database ${name}`);
	} finally {
		await admin.end();
	}
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		drop: async () => {
			const client = new pg.Client({ connectionString: adminUrl });
			await client.connect();
			try {
				await client.query(`drop database if exists ${name} with (force)`);
			} finally {
				await client.end();
			}
		}
	};
}
