/**
 * Measuring one generated organization on one database, for the org-scale suite: every tool
 * (in process, through the tool registry, against the app's own database while the app is stopped:
 * PGlite allows one process at a time), then every people route and whole offline chat turns
 * through the running app.
 */
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/lib/server/db';
import { executeTool } from '../../src/lib/server/tools';
import type { ToolContext } from '../../src/lib/server/tools/types';
import { startAppServer, type AppServer } from '../../tests/helpers/app-server';
import { createFreshPostgresDatabase } from '../../tests/helpers/database';
import { generateOrg, insertOrg, type GeneratedPerson } from './generate-org';
import { median, p99, timeRepeatedly } from './stats';

export type Store = 'pglite' | 'postgres';
export type Kind = 'tool' | 'route' | 'chat';
/** One measured operation: what it is, whether it is about one person (the 20 ms goal), its timings. */
export type Measurement = { kind: Kind; name: string; singlePerson: boolean; p50: number; p99: number; samples: number };
export type OrgMeasurements = { store: Store; size: number; measurements: Measurement[]; startMs: number; fillMs: number };

/** Rare surnames no generated person has: the probes get them, so some names resolve to exactly one person. */
const RARE = ['Abernathy', 'Blackwood', 'Castellanos', 'Dunleavy', 'Eriksdottir', 'Fairweather', 'Gallagher', 'Holloway', 'Ingleby', 'Jablonski', 'Kavanagh', 'Lindqvist'];

type Probes = { deep: GeneratedPerson; manager: GeneratedPerson; bigTeam: GeneratedPerson; leafA: GeneratedPerson; root: GeneratedPerson; namesake: string; all: GeneratedPerson[] };

/** Gives a dozen people spread over the levels unique names, and picks who each measurement asks about. */
export function chooseProbes(people: GeneratedPerson[]): Probes {
	const reports = new Map<string, number>();
	for (const person of people) if (person.managerId) reports.set(person.managerId, (reports.get(person.managerId) ?? 0) + 1);
	const maxLevel = Math.max(...people.map((person) => person.level));
	const picks: GeneratedPerson[] = [];
	for (let index = 0; picks.length < RARE.length; index++) {
		const level = 1 + (index % maxLevel);
		const atLevel = people.filter((person) => person.level === level && !picks.includes(person));
		const candidate = atLevel[Math.floor((index * 7919) % Math.max(atLevel.length, 1))];
		if (candidate) picks.push(candidate);
		if (index > 1000) break;
	}
	picks.forEach((person, index) => (person.name = `${person.name.split(' ')[0]} ${RARE[index]}`));
	const byDepth = [...picks].sort((a, b) => b.level - a.level);
	const managers = picks.filter((person) => (reports.get(person.id) ?? 0) > 0).sort((a, b) => a.level - b.level);
	const counts = new Map<string, number>();
	for (const person of people) counts.set(person.name, (counts.get(person.name) ?? 0) + 1);
	const namesake = [...counts].sort((a, b) => b[1] - a[1])[0][0];
	return {
		deep: byDepth[0],
		manager: managers[managers.length - 1] ?? picks[0],
		bigTeam: managers[0] ?? picks[0],
		leafA: byDepth.find((person) => !reports.get(person.id)) ?? byDepth[0],
		root: people[0],
		namesake,
		all: picks
	};
}

/** A typo of a name: two neighbouring letters of its last word swapped ("Blackwood" → "Blakcwood"). */
const HIRE_FIRST = ['Nova', 'Iris', 'Milo', 'Ezra', 'Luna', 'Otto', 'Wren'];
const HIRE_LAST = ['Quillan', 'Verhoeven', 'Ashdown', 'Brightwater', 'Coldwell', 'Dunmore', 'Everly', 'Fenwick'];

const typo = (name: string) => name.replace(/(\w)(\w)(\w*)$/, (_, a: string, b: string, rest: string) => `${a}${rest.slice(0, 1)}${b}${rest.slice(1)}`);

export async function measureOrg(options: {
	store: Store;
	size: number;
	tmpDir: string;
	databaseUrl?: string;
	iterations: number;
	log: (message: string) => void;
}): Promise<OrgMeasurements> {
	const { store, size, iterations, log } = options;
	const heavyIterations = Math.max(3, Math.round(iterations / 4));
	const dataDir = join(options.tmpDir, `${store}-${size}`);
	const fresh = store === 'postgres' ? await createFreshPostgresDatabase(options.databaseUrl!) : undefined;
	const env: Record<string, string> = { CHAT_RUNS_PER_MINUTE: '1000000', ...(fresh && { DATABASE_URL: fresh.url }) };
	const measurements: Measurement[] = [];
	const record = (kind: Kind, name: string, singlePerson: boolean, durations: number[]) =>
		measurements.push({ kind, name, singlePerson, p50: median(durations), p99: p99(durations), samples: durations.length });
	let app: AppServer | undefined;
	try {
		// The schema and an organization, made by the app itself.
		app = await startAppServer(env, dataDir);
		const created = await app.fetch('/api/orgs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: `Scale ${size}` }) });
		const orgId = ((await created.json()) as { organization: { id: string } }).organization.id;
		await app.stop();
		app = undefined;

		log(`${store} ${size}: generating and inserting`);
		const people = generateOrg(size);
		const probes = chooseProbes(people);
		await bulkInsert(store, dataDir, fresh?.url, orgId, people);

		// Tools in process, on the app's database (opening it fills the folded keys the bulk insert left out).
		const fillStart = performance.now();
		const handle = await openDatabase(store === 'postgres' ? { kind: 'postgres', url: fresh!.url } : { kind: 'pglite', dataDir });
		const fillMs = performance.now() - fillStart;
		try {
			log(`${store} ${size}: tools`);
			await measureTools(handle, orgId, probes, iterations, heavyIterations, record);
		} finally {
			await handle.close();
		}

		log(`${store} ${size}: routes and chat turns`);
		const startBegin = performance.now();
		app = await startAppServer(env, dataDir);
		const startMs = performance.now() - startBegin;
		await measureRoutes(app, orgId, probes, iterations, heavyIterations, record);
		await measureChat(app, orgId, probes, iterations, record);
		return { store, size, measurements, startMs, fillMs };
	} finally {
		await app?.stop();
		await fresh?.drop();
	}
}

async function bulkInsert(store: Store, dataDir: string, url: string | undefined, orgId: string, people: GeneratedPerson[]): Promise<void> {
	if (store === 'postgres') {
		const client = new pg.Client({ connectionString: url });
		await client.connect();
		try {
			await insertOrg(client, orgId, people);
		} finally {
			await client.end();
		}
		return;
	}
	const client = new PGlite(join(dataDir, 'pglite'), { extensions: { pg_trgm, fuzzystrmatch } });
	try {
		await insertOrg(client, orgId, people);
	} finally {
		await client.close();
	}
}

export type RecordFn = (kind: Kind, name: string, singlePerson: boolean, durations: number[]) => void;

export async function measureTools(handle: DatabaseHandle, orgId: string, probes: Probes, iterations: number, heavy: number, record: RecordFn) {
	const ctx: ToolContext = { db: handle.db, orgId, actor: { kind: 'assistant', role: 'owner' } };
	const call = async (name: string, args: unknown, expectOk = true) => {
		const outcome = await executeTool(ctx, name, JSON.stringify(args));
		if (expectOk && !outcome.ok) throw new Error(`${name}(${JSON.stringify(args)}) failed: ${outcome.error.message}`);
		return outcome;
	};
	const nth = (index: number) => probes.all[index % probes.all.length];
	const time = async (name: string, single: boolean, task: (index: number) => Promise<unknown>, count = iterations) =>
		record('tool', name, single, await timeRepeatedly(count, task, 2));

	await time('getUserInformation (unique name)', true, (i) => call('getUserInformation', { person: nth(i).name }));
	await time('getUserInformation (id)', true, (i) => call('getUserInformation', { person: nth(i).id }));
	await time('getUserInformation (shared name → ambiguous)', true, async () => {
		const outcome = await call('getUserInformation', { person: probes.namesake }, false);
		if (outcome.ok) throw new Error(`${probes.namesake} was expected to be ambiguous`);
	});
	await time('getUserInformation (typo → suggestions)', true, async (i) => {
		const outcome = await call('getUserInformation', { person: typo(nth(i).name) }, false);
		if (outcome.ok || outcome.error.code !== 'not_found') throw new Error(`a typo of ${nth(i).name} was expected to be not found`);
	});
	await time('getChainOfCommand', true, () => call('getChainOfCommand', { person: probes.deep.name }));
	await time('getReports (direct)', true, () => call('getReports', { person: probes.manager.name }));
	await time('getReports (all, a team)', false, () => call('getReports', { person: probes.bigTeam.name, depth: 'all' }), heavy);
	await time('getReports (all of the root, counted, first page)', false, () => call('getReports', { person: probes.root.id, depth: 'all' }), heavy);
	await time('searchPeople (a surname)', false, (i) => call('searchPeople', { query: nth(i).name.split(' ')[1] }));
	await time('searchPeople (a common title)', false, () => call('searchPeople', { query: 'specialist' }), heavy);
	await time('getOrgStats', false, () => call('getOrgStats', {}), heavy);

	const added: string[] = [];
	await time('addUser', true, async (i) => {
		const outcome = await call('addUser', { name: `Bench Hire ${String(i).padStart(4, '0')}x`, title: 'Engineer', manager: probes.manager.name });
		if (outcome.ok) added.push((outcome.result as { person: { id: string } }).person.id);
	});
	await time('updateUser', true, (i) => call('updateUser', { person: probes.deep.name, changes: { title: `Specialist ${i % 2 === 0 ? 'II' : 'III'}` } }));
	let toggle = false;
	await time('moveUser', true, async () => {
		toggle = !toggle;
		await call('moveUser', { person: probes.leafA.name, newManager: toggle ? probes.manager.name : probes.bigTeam.name });
	});
	await time('removeUser', true, async () => {
		const id = added.pop();
		if (id) await call('removeUser', { person: id });
	}, Math.min(iterations, added.length - 2));
	// Each round makes a fresh edit (untimed), then undoes it (timed).
	const undos: number[] = [];
	for (let index = 0; index < iterations + 2; index++) {
		const edit = await call('updateUser', { person: probes.deep.name, changes: { location: `Desk ${index}` } });
		const changeId = ((edit as { result: unknown }).result as { changeId: string }).changeId;
		const start = performance.now();
		await call('undoChange', { changeId });
		if (index >= 2) undos.push(performance.now() - start);
	}
	record('tool', 'undoChange', true, undos);
}

async function measureRoutes(app: AppServer, orgId: string, probes: Probes, iterations: number, heavy: number, record: RecordFn) {
	const base = `/api/orgs/${orgId}`;
	const get = async (path: string) => {
		const response = await app.fetch(path);
		if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
		await response.arrayBuffer();
	};
	const send = async (method: string, path: string, body?: unknown) => {
		const response = await app.fetch(path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
		if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
		return response.json() as Promise<{ person?: { id: string } }>;
	};
	const time = async (name: string, single: boolean, task: (index: number) => Promise<unknown>, count = iterations) =>
		record('route', name, single, await timeRepeatedly(count, task, 2));
	const nth = (index: number) => probes.all[index % probes.all.length];

	await time('GET /people/top (3 levels)', false, () => get(`${base}/people/top?depth=3`));
	await time('GET /people/:id/reports (the root, first page)', false, () => get(`${base}/people/${probes.root.id}/reports?limit=100`));
	await time('GET /people/search (a surname)', false, (i) => get(`${base}/people/search?q=${encodeURIComponent(nth(i).name.split(' ')[1])}`));
	await time('GET /people/search (a common title)', false, () => get(`${base}/people/search?q=specialist`), heavy);
	await time('GET /people/:id/path', true, () => get(`${base}/people/${probes.deep.id}/path`));
	await time('GET /people/:id', true, (i) => get(`${base}/people/${nth(i).id}`));
	await time('PATCH /people/:id', true, (i) => send('PATCH', `${base}/people/${probes.deep.id}`, { location: `Floor ${i % 5}` }));
	const added: string[] = [];
	await time('POST /people', true, async (i) => {
		const created = await send('POST', `${base}/people`, { name: `Route Hire ${i}x`, title: 'Engineer', managerId: probes.manager.id });
		if (created.person) added.push(created.person.id);
	});
	await time('DELETE /people/:id', true, async () => {
		const id = added.pop();
		if (id) await send('DELETE', `${base}/people/${id}`);
	}, Math.min(iterations, added.length - 2));
	await time('GET /people (whole org)', false, () => get(`${base}/people`), heavy);
	await time('GET /people.csv (export)', false, () => get(`${base}/people.csv`), heavy);
	await time('GET /people.json (export)', false, () => get(`${base}/people.json`), heavy);
}

async function measureChat(app: AppServer, orgId: string, probes: Probes, iterations: number, record: RecordFn) {
	const ask = async (text: string, tool: string) => {
		const response = await app.fetch('/api/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text, orgId }) });
		const body = (await response.json()) as { message?: { toolCalls: { name: string; status: string }[] } };
		const call = body.message?.toolCalls.find((candidate) => candidate.name === tool);
		if (response.status !== 200 || call?.status !== 'complete') {
			const made = body.message?.toolCalls.map((made) => `${made.name}: ${made.status}`).join(', ');
			throw new Error(`chat "${text}": ${response.status}, expected a finished ${tool} call, made [${made ?? ''}]: ${JSON.stringify(body).slice(0, 300)}`);
		}
	};
	const nth = (index: number) => probes.all[index % probes.all.length];
	const hire = (i: number) => `${HIRE_FIRST[i % HIRE_FIRST.length]} ${HIRE_LAST[Math.floor(i / HIRE_FIRST.length) % HIRE_LAST.length]}`;
	const turns: [string, string, (index: number) => string][] = [
		["Who is X's manager?", 'getChainOfCommand', (i) => `Who is ${nth(i).name}'s manager?`],
		['Who reports to X?', 'getReports', () => `Who reports to ${probes.manager.name}?`],
		['Tell me about X', 'getUserInformation', (i) => `Tell me about ${nth(i).name}`],
		['Add X as an engineer under Y', 'addUser', (i) => `Add ${hire(i)} as an engineer under ${probes.manager.name}`],
		['Move X under Y', 'moveUser', (i) => `Move ${probes.leafA.name} under ${i % 2 === 0 ? probes.bigTeam.name : probes.manager.name}`],
		['How many people work here?', 'getOrgStats', () => 'How many people work here?']
	];
	for (const [label, tool, text] of turns) {
		record('chat', `chat turn: "${label}"`, tool !== 'getOrgStats', await timeRepeatedly(iterations, (i) => ask(text(i), tool), 2));
	}
}
