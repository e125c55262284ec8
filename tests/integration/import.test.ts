/**
 * CSV import over HTTP: HR systems' exports read with their own headers, a preview that writes
 * nothing, all-or-nothing application recorded as one undoable operation, an export → import round
 * trip, and hostile files.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Person } from '../../src/lib/protocol';
import { addMember, json } from '../helpers/accounts';
import type { AppServer } from '../helpers/app-server';
import { stackTargets, useAppServer } from '../helpers/targets';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', 'import', name));
const csvHeaders = { 'content-type': 'text/csv; charset=utf-8' };

type Preview = {
	summary: { add: number; update: number; unchanged: number; errors: number };
	rows: { line: number; action: string; person: { name: string; title: string; manager: string | null; email: string | null; startDate: string | null }; errors: { column: string; message: string }[] }[];
	columns: { header: string; field: string | null }[];
};

let orgCounter = 0;

for (const target of stackTargets()) {
	describe(`CSV import (${target.label})`, () => {
		const app = useAppServer(target);

		const newOrg = async (): Promise<string> => {
			const response = await app().fetch('/api/orgs', { method: 'POST', headers: json, body: JSON.stringify({ name: `Import Co ${++orgCounter} ${Date.now() % 100000}` }) });
			expect(response.status).toBe(201);
			return ((await response.json()) as { organization: { slug: string } }).organization.slug;
		};
		const importCsv = (slug: string, body: BodyInit, query = '', fetchAs: AppServer['fetch'] = app().fetch) =>
			fetchAs(`/api/orgs/${slug}/import${query}`, { method: 'POST', headers: csvHeaders, body });
		const people = async (slug: string): Promise<Person[]> => ((await (await app().fetch(`/api/orgs/${slug}/people`)).json()) as { people: Person[] }).people;
		const byName = (list: Person[], name: string) => list.find((person) => person.name === name);

		test.each([
			['bamboohr.csv', 'Ada Lovelace', 'Alan Turing', 'Grace Hopper', '2021-11-30'],
			['workday.csv', 'Mary Jackson', 'Christine Darden', 'Dorothy Vaughan', '2020-09-01'],
			['hibob.csv', 'Linus Pauling', 'Barbara McClintock', 'Rosalind Franklin', '2021-07-05'],
			['google-workspace.csv', 'Marie Curie', 'Pierre Curie', 'Marie Curie', null]
		])('%s: the preview reads its headers and writes nothing; applying builds the chart', async (file, root, someone, manager, startDate) => {
			const slug = await newOrg();
			const previewResponse = await importCsv(slug, fixture(file), '?dryRun=1');
			expect(previewResponse.status).toBe(200);
			const preview = (await previewResponse.json()) as Preview;
			const rows = fixture(file).toString('utf8').trim().split('\n').length - 1;
			expect(preview.summary).toEqual({ add: rows, update: 0, unchanged: 0, errors: 0 });
			expect(preview.rows).toHaveLength(rows);
			expect(preview.rows[0].line).toBe(2);
			const row = preview.rows.find((entry) => entry.person.name === someone)!;
			expect(row).toMatchObject({ action: 'add', errors: [], person: { manager } });
			expect(row.person.startDate).toBe(startDate);
			expect(await people(slug)).toEqual([]);

			const applied = await importCsv(slug, fixture(file));
			expect(applied.status).toBe(200);
			expect(((await applied.json()) as { summary: Preview['summary'] }).summary.add).toBe(rows);
			const list = await people(slug);
			expect(list).toHaveLength(rows);
			expect(byName(list, root)!.managerId).toBeNull();
			expect(byName(list, someone)!.managerId).toBe(byName(list, manager)!.id);
		});

		test('Google Workspace: a BOM, semicolons and quoted fields with the delimiter and quotes inside', async () => {
			const slug = await newOrg();
			expect((await importCsv(slug, fixture('google-workspace.csv'))).status).toBe(200);
			const list = await people(slug);
			expect(byName(list, 'Marie Curie')!.location).toBe('Paris; Rue Pierre');
			expect(byName(list, 'Pierre Curie')!.title).toBe('Physicist, "senior"');
		});

		test('the preview names the line and the column of every error, and applying then writes nothing', async () => {
			const slug = await newOrg();
			const csv = [
				'name,title,email,manager,start date',
				'Root Person,CEO,root@x.test,,2020-01-01',
				'Second Root,CTO,second@x.test,,2020-01-01',
				'Bad Date,Engineer,date@x.test,Root Person,2020-13-45',
				'Dup One,Engineer,dup@x.test,Root Person,',
				'Dup Two,Engineer,dup@x.test,Root Person,',
				'Orphan,Engineer,orphan@x.test,Nobody Known,',
				'Loop A,Engineer,a@x.test,Loop B,',
				'Loop B,Engineer,b@x.test,Loop A,',
				'Fine Person,Engineer,fine@x.test,Root Person,'
			].join('\n');
			const preview = (await (await importCsv(slug, csv, '?dryRun=1')).json()) as Preview;
			const errorsOf = (name: string) => preview.rows.find((row) => row.person.name === name)!.errors;
			expect(errorsOf('Second Root')).toEqual([expect.objectContaining({ column: 'manager', message: expect.stringMatching(/top/i) })]);
			expect(errorsOf('Bad Date')).toEqual([expect.objectContaining({ column: 'start_date' })]);
			expect(errorsOf('Dup Two')).toEqual([expect.objectContaining({ column: 'email', message: expect.stringContaining('line 5') })]);
			expect(errorsOf('Orphan')).toEqual([expect.objectContaining({ column: 'manager', message: expect.stringContaining('Unknown manager') })]);
			expect(errorsOf('Loop A')).toEqual([expect.objectContaining({ column: 'manager', message: expect.stringMatching(/cycle/i) })]);
			expect(errorsOf('Loop B')).toEqual([expect.objectContaining({ column: 'manager', message: expect.stringMatching(/cycle/i) })]);
			expect(errorsOf('Fine Person')).toEqual([]);
			expect(preview.rows.find((row) => row.person.name === 'Bad Date')!.line).toBe(4);
			expect(preview.summary).toEqual({ add: 3, update: 0, unchanged: 0, errors: 6 });

			const applied = await importCsv(slug, csv);
			expect(applied.status).toBe(422);
			const body = (await applied.json()) as { error: { code: string; message: string; rows: Preview['rows'] } };
			expect(body.error.code).toBe('import_errors');
			expect(body.error.rows).toHaveLength(6);
			expect(await people(slug)).toEqual([]);
		});

		test('existing people are matched by email, else by name: updated, unchanged or added; one operation that undo reverts', async () => {
			const slug = await newOrg();
			await importCsv(slug, 'name,title,email,manager,location\nBoss Person,CEO,boss@m.test,,Berlin\nSam Same,Engineer,sam@m.test,Boss Person,Berlin\nNora Noemail,Designer,,Boss Person,Paris\n');
			const before = await people(slug);
			const csv = 'name,title,email,manager,location\nBoss Person,CEO,boss@m.test,,Berlin\nSamuel Same,Staff Engineer,sam@m.test,Boss Person,Berlin\nNora Noemail,Designer,,Boss Person,London\nNew Person,Analyst,new@m.test,Samuel Same,Berlin\n';
			const preview = (await (await importCsv(slug, csv, '?dryRun=1')).json()) as Preview;
			expect(preview.rows.map((row) => row.action)).toEqual(['unchanged', 'update', 'update', 'add']);
			expect(preview.summary).toEqual({ add: 1, update: 2, unchanged: 1, errors: 0 });

			const applied = (await (await importCsv(slug, csv)).json()) as { changeId: string };
			const after = await people(slug);
			expect(after).toHaveLength(4);
			const sam = after.find((person) => person.email === 'sam@m.test')!;
			expect(sam).toMatchObject({ id: before.find((person) => person.email === 'sam@m.test')!.id, name: 'Samuel Same', title: 'Staff Engineer' });
			expect(byName(after, 'Nora Noemail')!.location).toBe('London');
			expect(byName(after, 'New Person')!.managerId).toBe(sam.id);

			const history = (await (await app().fetch(`/api/orgs/${slug}/changes?limit=1`)).json()) as { changes: { id: string; summary: string; personIds: string[] }[] };
			expect(history.changes[0]).toMatchObject({ id: applied.changeId, summary: expect.stringContaining('Import from CSV') });
			expect(history.changes[0].personIds).toHaveLength(3);
			const undo = await app().fetch(`/api/orgs/${slug}/changes/${applied.changeId}/undo`, { method: 'POST' });
			expect(undo.status).toBe(201);
			const undone = await people(slug);
			expect(undone.map(({ id, name, title, location, managerId }) => ({ id, name, title, location, managerId })).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
				before.map(({ id, name, title, location, managerId }) => ({ id, name, title, location, managerId })).sort((a, b) => a.id.localeCompare(b.id))
			);
		});

		test('undoing an import of a whole tree removes everyone it added', async () => {
			const slug = await newOrg();
			const applied = (await (await importCsv(slug, fixture('bamboohr.csv'))).json()) as { changeId: string };
			expect(await people(slug)).toHaveLength(4);
			expect((await app().fetch(`/api/orgs/${slug}/changes/${applied.changeId}/undo`, { method: 'POST' })).status).toBe(201);
			expect(await people(slug)).toEqual([]);
		});

		test('round trip: export, then import into a new org, gives the same people, managers and fields', async () => {
			const source = await newOrg();
			const csv = 'name,title,department,email,location,manager,start date,vacancy\n' +
				'Top Person,CEO,Exec,top@rt.test,Berlin,,2019-01-01,false\n' +
				'=HYPERLINK("http://evil"),Engineer,Eng,formula@rt.test,Paris,top@rt.test,2020-02-02,false\n' +
				'+cmd,Engineer,Eng,,London,Top Person,,false\n' +
				',Senior Engineer,Eng,,,Top Person,,true\n' +
				'Ünïcödé Nåme,Designer,Design,u@rt.test,Zürich,Top Person,2021-03-03,\n';
			expect((await importCsv(source, csv)).status).toBe(200);
			const exported = await (await app().fetch(`/api/orgs/${source}/people.csv`)).text();
			expect(exported).toContain("'=HYPERLINK");
			expect(exported).toContain("'+cmd");
			const target = await newOrg();
			const imported = await importCsv(target, exported);
			expect(imported.status).toBe(200);
			const shape = async (slug: string) => {
				const list = await people(slug);
				const nameOf = new Map(list.map((person) => [person.id, person.name]));
				return list
					.map(({ name, title, department, email, location, startDate, vacancy, managerId }) => ({ name, title, department, email, location, startDate, vacancy, manager: managerId ? nameOf.get(managerId) : null }))
					.sort((a, b) => `${a.name}${a.title}`.localeCompare(`${b.name}${b.title}`));
			};
			const original = await shape(source);
			expect(await shape(target)).toEqual(original);
			expect(original.map((person) => person.name)).toContain('=HYPERLINK("http://evil")');
			expect(original.find((person) => person.vacancy)).toMatchObject({ name: 'Open role', title: 'Senior Engineer' });
		});

		test('POST /api/orgs with a CSV creates the org from it; with errors it creates nothing', async () => {
			const name = `From Csv ${Date.now() % 100000}`;
			const created = await app().fetch(`/api/orgs?name=${encodeURIComponent(name)}`, { method: 'POST', headers: csvHeaders, body: fixture('hibob.csv') });
			expect(created.status).toBe(201);
			const body = (await created.json()) as { organization: { slug: string; role: string }; summary: Preview['summary'] };
			expect(body.organization.role).toBe('owner');
			expect(body.summary.add).toBe(3);
			expect(await people(body.organization.slug)).toHaveLength(3);

			const bad = await app().fetch('/api/orgs?name=Broken%20Import&slug=broken-import', { method: 'POST', headers: csvHeaders, body: 'name,title,manager\nA,CEO,\nB,CTO,\n' });
			expect(bad.status).toBe(422);
			const orgs = ((await (await app().fetch('/api/orgs')).json()) as { organizations: { slug: string }[] }).organizations;
			expect(orgs.map((org) => org.slug)).not.toContain('broken-import');
		});

		test('hostile files get a clear error and change nothing', { timeout: 120_000 }, async () => {
			const slug = await newOrg();
			const expectError = async (body: BodyInit, status: number, code: string, message?: RegExp) => {
				const response = await importCsv(slug, body);
				expect(response.status).toBe(status);
				const error = ((await response.json()) as { error: { code: string; message: string } }).error;
				expect(error.code).toBe(code);
				if (message) expect(error.message).toMatch(message);
			};
			await expectError(Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x2c, 0x74, 0x69, 0x74, 0x6c, 0x65, 0x0a, 0xff, 0xfe, 0x2c, 0x41, 0x0a]), 400, 'invalid_csv', /UTF-8/);
			await expectError('name,title\n"Unclosed,CEO\nB,CTO\n', 400, 'invalid_csv', /line 2/i);
			await expectError('', 400, 'invalid_csv');
			await expectError('foo,bar\n1,2\n', 400, 'invalid_csv', /name/);
			await expectError(`name,title\n${'x'.repeat(5000)},CEO\n`, 422, 'import_errors', /120 characters/);
			// Past the 32 MB limit: refused before it is read.
			await expectError(`name,title\n${'A,B\n'.repeat(9_000_000)}`, 413, 'payload_too_large', /32 MB/);
			expect(await people(slug)).toEqual([]);
			// 10 MB of valid rows is within the limit and imports.
			const big = ['name,title,manager', 'Big Root,CEO,'];
			for (let index = 0, size = 0; size < 10 * 1024 * 1024; index++) {
				const row = `Person ${index} ${'p'.repeat(60)},Engineer ${'t'.repeat(60)},Big Root`;
				big.push(row);
				size += row.length + 1;
			}
			const preview = await importCsv(slug, big.join('\n'), '?dryRun=1');
			expect(preview.status).toBe(200);
			expect(((await preview.json()) as Preview).summary.errors).toBe(0);
		});

		test('a viewer cannot import; the columns mapping overrides the guesses', async () => {
			const slug = await newOrg();
			const preview = (await (await importCsv(slug, 'Who,What,Boss\nA Root,CEO,\nB Below,CTO,A Root\n', `?dryRun=1&columns=${encodeURIComponent(JSON.stringify({ Who: 'name', What: 'title', Boss: 'manager' }))}`)).json()) as Preview;
			expect(preview.columns).toEqual([
				{ header: 'Who', field: 'name' },
				{ header: 'What', field: 'title' },
				{ header: 'Boss', field: 'manager' }
			]);
			expect(preview.summary.errors).toBe(0);
			const unknown = await importCsv(slug, 'Who,What\nA,B\n', `?dryRun=1&columns=${encodeURIComponent(JSON.stringify({ Who: 'shoe size' }))}`);
			expect(unknown.status).toBe(400);
			const viewer = await addMember(app(), slug, 'viewer');
			expect((await importCsv(slug, 'name,title\nA Root,CEO\n', '', viewer.fetch)).status).toBe(403);
			expect(await people(slug)).toEqual([]);
		});
	});
}
