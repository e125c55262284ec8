/**
 * A corpus of hostile input against the REST API and the chat on the built server. Every case
 * either gets the fitting 4xx, or its value is stored exactly as typed and read back identical.
 */
import { describe, expect, test } from 'vitest';
import type { ConversationView, Person } from '../../src/lib/protocol';
import type { AppServer } from '../helpers/app-server';
import { postChat, readEvents } from '../helpers/sse';
import { stackTargets, useAppServer } from '../helpers/targets';

type Field = 'name' | 'title' | 'department' | 'location' | 'email' | 'photoUrl';

/** Values that must be stored exactly as typed (they are text, whatever they look like). */
const STORED: [label: string, field: Field, value: string][] = [
	['script tag as a name', 'name', '<script>alert(1)</script>'],
	['img onerror as a name', 'name', '<img src=x onerror=alert(1)>'],
	['svg onload as a title', 'title', '<svg onload=alert(1)>'],
	['attribute breakout as a title', 'title', '"><script>alert(document.cookie)</script>'],
	['event handler in a department', 'department', '" onmouseover="alert(1)'],
	['javascript: link in HTML as a title', 'title', '<a href="javascript:alert(1)">click</a>'],
	['javascript: link in markdown as a title', 'title', '[click](javascript:alert(1))'],
	['remote image in markdown as a title', 'title', '![x](http://127.0.0.1:9/x)'],
	['raw remote image as a location', 'location', '<img src="https://tracker.example/p.gif">'],
	['iframe as a department', 'department', '<iframe src="https://evil.example"></iframe>'],
	['script and markdown as a title', 'title', '<script>alert(1)</script> **Lead**'],
	['SQL drop table as a name', 'name', "'; DROP TABLE people; --"],
	['SQL injection with a closing paren as a name', 'name', "Robert'); DROP TABLE people;--"],
	['SQL tautology as a title', 'title', "1' OR '1'='1"],
	['SQL comment as a department', 'department', 'Sales /* */ UNION SELECT * FROM people --'],
	['shell substitution as a location', 'location', '$(rm -rf /) `reboot`'],
	['template injection as a title', 'title', "{{constructor.constructor('alert(1)')()}}"],
	['template literal as a title', 'title', '${7*7} #{7*7} <%= 7*7 %>'],
	['prototype key as a name', 'name', '__proto__'],
	['constructor as a title', 'title', 'constructor'],
	['right-to-left override in a name', 'name', 'Evil \u202Egnp.exe'],
	['zero-width joiner in a name', 'name', 'Ja\u200Dne Smith'],
	['emoji and combining marks in a name', 'name', 'Zoë 👩🏽‍💻 Ñandú'],
	['quotes and backslashes in a title', 'title', 'C:\\Windows\\"quoted" \'single\''],
	['HTML entities in a department', 'department', '&lt;b&gt;bold&lt;/b&gt; &amp;'],
	['CRLF injection in a location', 'location', 'Berlin\r\nSet-Cookie: x=1'],
	['plausible email with plus tag', 'email', 'first.last+tag@example.com'],
	['http photo URL', 'photoUrl', 'http://127.0.0.1:9/photo.png']
];

type Refused = { label: string; status: number; code?: string; send: (app: AppServer) => Promise<Response> };

const jsonHeaders = { 'content-type': 'application/json' };
const post = (path: string, body: string | Uint8Array<ArrayBuffer>) => (app: AppServer) =>
	app.fetch(path, { method: 'POST', headers: jsonHeaders, body });
const addPerson = (fields: Record<string, unknown>) =>
	post('/api/orgs/acme/people', JSON.stringify({ name: 'Hostile Case', title: 'Engineer', manager: 'Jane Smith', ...fields }));
const addRaw = (body: string) => post('/api/orgs/acme/people', body);
const chat = (body: Record<string, unknown>) => post('/api/chat/stream', JSON.stringify(body));
const hugeId = 'i'.repeat(5000);

const REFUSED: Refused[] = [
	// Wrong types where text is expected.
	{ label: 'name as a number', status: 400, send: addPerson({ name: 42 }) },
	{ label: 'name as null', status: 400, send: addPerson({ name: null }) },
	{ label: 'name as an object', status: 400, send: addPerson({ name: { first: 'Jane' } }) },
	{ label: 'title as an array', status: 400, send: addPerson({ title: ['Engineer'] }) },
	{ label: 'title as a boolean', status: 400, send: addPerson({ title: true }) },
	{ label: 'department as a number', status: 400, send: addPerson({ department: 7 }) },
	{ label: 'manager as an array', status: 400, send: addPerson({ manager: ['Jane Smith'] }) },
	{ label: 'managerId as a number', status: 400, send: addPerson({ manager: undefined, managerId: 5 }) },
	{ label: 'managerId as SQL', status: 400, send: addPerson({ manager: undefined, managerId: "1' OR '1'='1" }) },
	// Text that cannot be stored as typed.
	{ label: 'NUL character in a name', status: 400, send: addPerson({ name: 'Nul\u0000Char' }) },
	{ label: 'unpaired surrogate in a title', status: 400, send: addPerson({ title: 'Lone \ud800 half' }) },
	{ label: 'name over 120 characters', status: 400, send: addPerson({ name: '<b>'.repeat(50) }) },
	{ label: 'javascript: photo URL', status: 400, send: addPerson({ photoUrl: 'javascript:alert(1)' }) },
	{ label: 'data: photo URL', status: 400, send: addPerson({ photoUrl: 'data:image/svg+xml,<svg onload=alert(1)>' }) },
	{ label: 'script tag as an email', status: 400, send: addPerson({ email: '<script>@x' }) },
	// Unknown fields and prototype pollution (the people routes are strict).
	{ label: 'unknown field', status: 400, send: addPerson({ isAdmin: true }) },
	{ label: 'organizationId smuggled in', status: 400, send: addPerson({ organizationId: '00000000-0000-0000-0000-000000000000' }) },
	{ label: '__proto__ key', status: 400, send: addRaw('{"name":"Proto Case","title":"Engineer","__proto__":{"isAdmin":true}}') },
	{ label: 'constructor key', status: 400, send: addRaw('{"name":"Ctor Case","title":"Engineer","constructor":{"prototype":{"x":1}}}') },
	{ label: 'prototype key', status: 400, send: addRaw('{"name":"Proto2 Case","title":"Engineer","prototype":{}}') },
	// Bodies that are not a JSON object.
	{ label: 'not JSON', status: 400, send: addRaw('name=Jane&title=CEO') },
	{ label: 'empty body', status: 400, send: addRaw('') },
	{ label: 'JSON array', status: 400, send: addRaw('[{"name":"A","title":"B"}]') },
	{ label: 'JSON null', status: 400, send: addRaw('null') },
	{ label: 'JSON string', status: 400, send: addRaw('"<script>"') },
	{ label: 'truncated JSON', status: 400, send: addRaw('{"name":"Trunc') },
	{
		label: 'invalid UTF-8 bytes',
		status: 400,
		send: post('/api/orgs/acme/people', new Uint8Array([...Buffer.from('{"name":"Bad '), 0xff, 0xfe, 0xc3, ...Buffer.from('","title":"Engineer"}')]))
	},
	{
		label: 'overlong UTF-8 encoding of <',
		status: 400,
		send: post('/api/orgs/acme/people', new Uint8Array([...Buffer.from('{"name":"'), 0xc0, 0xbc, ...Buffer.from('script","title":"Engineer"}')]))
	},
	{ label: '10 MB body', status: 413, code: 'payload_too_large', send: addPerson({ title: 'x'.repeat(10 * 1024 * 1024) }) },
	// Huge and odd ids.
	{ label: 'huge person id', status: 404, send: (app) => app.fetch(`/api/orgs/acme/people/${hugeId}`) },
	{ label: 'huge org slug', status: 404, send: (app) => app.fetch(`/api/orgs/${hugeId}/people`) },
	{ label: 'huge run id', status: 404, send: (app) => app.fetch(`/api/chat/runs/${hugeId}/events`) },
	{ label: 'path traversal as an org', status: 404, send: (app) => app.fetch('/api/orgs/..%2F..%2Fetc%2Fpasswd/people') },
	{ label: 'SQL as a person id', status: 404, send: (app) => app.fetch(`/api/orgs/acme/people/${encodeURIComponent("1' OR '1'='1")}`) },
	{ label: 'PATCH with __proto__', status: 400, send: (app) => app.fetch('/api/orgs/acme/people/00000000-0000-4000-8000-000000000000', { method: 'PATCH', headers: jsonHeaders, body: '{"__proto__":{"title":"x"}}' }) },
	// The chat.
	{ label: 'chat text as a number', status: 400, send: chat({ text: 42, orgId: 'acme' }) },
	{ label: 'chat text empty', status: 400, send: chat({ text: '   ', orgId: 'acme' }) },
	{ label: 'chat text over 8,000 characters', status: 400, send: chat({ text: '<'.repeat(8001), orgId: 'acme' }) },
	{ label: 'chat text with NUL', status: 400, send: chat({ text: 'Who is\u0000 Jane?', orgId: 'acme' }) },
	{ label: 'chat orgId as an object', status: 400, send: chat({ text: 'hi', orgId: { $ne: null } }) },
	{ label: 'chat orgId as an array', status: 400, send: chat({ text: 'hi', orgId: ['acme'] }) },
	{ label: 'chat orgId 400 KB', status: 400, send: chat({ text: 'hi', orgId: 'o'.repeat(400 * 1024) }) },
	{ label: 'chat orgId SQL', status: 404, send: chat({ text: 'hi', orgId: "acme'; DROP TABLE people; --" }) },
	{ label: 'chat conversationId not an id', status: 400, send: chat({ text: 'hi', orgId: 'acme', conversationId: '../../etc' }) },
	{ label: 'chat clientMessageId too long', status: 400, send: chat({ text: 'hi', orgId: 'acme', clientMessageId: 'm'.repeat(101) }) }
];

/** Chat messages that are answered normally and stored exactly as typed. */
const CHAT_STORED: [label: string, text: string][] = [
	['script tag', '<script>alert(1)</script> Who is Jane Smith?'],
	['markdown image', 'Who is ![x](http://127.0.0.1:9/x)?'],
	['SQL', "Who reports to '; DROP TABLE people; --"],
	['pathological punctuation', 'who reports to ' + '!?'.repeat(3990)],
	['pathological separators', 'add ' + ','.repeat(7990) + 'x'],
	['prototype words', '__proto__ constructor prototype']
];

const [embedded] = stackTargets();

describe('hostile input', () => {
	const app = useAppServer(embedded);

	test(`the corpus has at least 50 cases (${STORED.length + REFUSED.length + CHAT_STORED.length})`, () => {
		expect(STORED.length + REFUSED.length + CHAT_STORED.length).toBeGreaterThanOrEqual(50);
	});

	test.each(STORED)('%s is stored exactly as typed', async (_label, field, value) => {
		const name = field === 'name' ? value : `Hostile ${field} ${Math.random().toString(36).slice(2, 8)}`;
		const created = await app().fetch('/api/orgs/acme/people', {
			method: 'POST',
			headers: jsonHeaders,
			body: JSON.stringify({ name, title: 'Engineer', manager: 'Jane Smith', [field]: value })
		});
		expect(created.status).toBe(201);
		const { person } = (await created.json()) as { person: Person };
		expect(person[field]).toBe(value);
		const read = (await (await app().fetch(`/api/orgs/acme/people/${person.id}`)).json()) as { person: Person };
		expect(read.person[field]).toBe(value);
		const listed = (await (await app().fetch('/api/orgs/acme/people')).json()) as { people: Person[] };
		expect(listed.people.find((candidate) => candidate.id === person.id)?.[field]).toBe(value);
	});

	test.each(REFUSED.map((item) => [item.label, item] as const))('%s is refused', async (_label, item) => {
		const before = ((await (await app().fetch('/api/orgs/acme/people')).json()) as { people: Person[] }).people.length;
		const response = await item.send(app());
		expect(response.status).toBe(item.status);
		const text = await response.text();
		expect(text.length).toBeLessThan(2000);
		const body = JSON.parse(text) as { error: { code: string; message: string } };
		if (item.code) expect(body.error.code).toBe(item.code);
		expect(body.error.message).not.toMatch(/at \w+ \(|node_modules|SELECT|\bpg\b|stack/i);
		const after = ((await (await app().fetch('/api/orgs/acme/people')).json()) as { people: Person[] }).people.length;
		expect(after).toBe(before);
	});

	test.each(CHAT_STORED)('chat: %s is answered and stored as typed', async (_label, text) => {
		const started = performance.now();
		const events = await readEvents(await postChat(app(), { text, orgId: 'acme' }));
		expect(performance.now() - started).toBeLessThan(10_000);
		const start = events.find(({ event }) => event.type === 'start')?.event;
		expect(events.at(-1)?.event.type).toBe('done');
		if (start?.type !== 'start') throw new Error('no start event');
		const view = (await (await app().fetch(`/api/chat/conversations/${start.conversationId}`)).json()) as ConversationView;
		expect(view.messages.find((message) => message.role === 'user')?.content).toBe(text.trim());
	});

	test('the people table survived the corpus', async () => {
		const listed = (await (await app().fetch('/api/orgs/acme/people')).json()) as { people: Person[] };
		expect(listed.people.find((person) => person.name === 'Jane Smith')).toBeDefined();
		expect(listed.people.length).toBeGreaterThanOrEqual(40);
	});
});
