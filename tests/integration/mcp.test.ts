/** The MCP server on the built app, through the official SDK client, authenticated with API tokens. */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Person } from '../../src/lib/protocol';
import { toolDefinitions } from '../../src/lib/server/tools';
import { addMember, json } from '../helpers/accounts';
import type { AppServer } from '../helpers/app-server';
import { stackTargets, useAppServer } from '../helpers/targets';

type TextContent = { type: 'text'; text: string };

async function createToken(fetchAs: AppServer['fetch'], role: 'viewer' | 'editor'): Promise<string> {
	const response = await fetchAs('/api/tokens', { method: 'POST', headers: json, body: JSON.stringify({ name: `mcp ${role}`, orgId: 'acme', role }) });
	if (response.status !== 201) throw new Error(`Creating a token failed: ${response.status} ${await response.text()}`);
	return ((await response.json()) as { token: string }).token;
}

/** The JSON in a tool result's (or resource's) first text content. */
const firstJson = (content: unknown): Record<string, unknown> => JSON.parse((content as TextContent[])[0].text);

for (const target of stackTargets()) {
	describe(`MCP (${target.label})`, () => {
		const app = useAppServer(target);
		const clients: Client[] = [];
		let editorToken = '';
		let viewerToken = '';

		const connect = async (token: string): Promise<Client> => {
			const client = new Client({ name: 'organichart-test', version: '1.0.0' });
			const transport = new StreamableHTTPClientTransport(new URL(`${app().url}/mcp`), { requestInit: { headers: { Authorization: `Bearer ${token}` } } });
			await client.connect(transport);
			clients.push(client);
			return client;
		};
		const people = async (): Promise<Person[]> => ((await (await app().fetch('/api/orgs/acme/people')).json()) as { people: Person[] }).people;

		beforeAll(async () => {
			editorToken = await createToken(app().fetch, 'editor');
			const viewer = await addMember(app(), 'acme', 'viewer');
			viewerToken = await createToken(viewer.fetch, 'viewer');
		});
		afterEach(async () => {
			await Promise.all(clients.splice(0).map((client) => client.close()));
		});

		test('lists the same tools as the registry, with their JSON Schemas', async () => {
			const client = await connect(viewerToken);
			const { tools } = await client.listTools();
			expect(tools.map((tool) => tool.name).sort()).toEqual(toolDefinitions.map((tool) => tool.name).sort());
			const addUser = tools.find((tool) => tool.name === 'addUser')!;
			expect(addUser.inputSchema.required).toEqual(expect.arrayContaining(['name', 'title']));
			expect(addUser.annotations?.readOnlyHint).toBe(false);
		});

		test('getReports answers for Jane Smith as the assistant would', async () => {
			const client = await connect(viewerToken);
			const result = await client.callTool({ name: 'getReports', arguments: { person: 'Jane Smith' } });
			expect(result.isError).toBeFalsy();
			const body = firstJson(result.content) as { person: { name: string }; reports: { managerId: string }[]; total: number };
			const jane = (await people()).find((person) => person.name === 'Jane Smith')!;
			expect(body.person.name).toBe('Jane Smith');
			expect(body.total).toBeGreaterThan(0);
			expect(body.reports.every((report) => report.managerId === jane.id)).toBe(true);
		});

		test('an editor token adds a person; a viewer token gets the tool error forbidden and adds no one', async () => {
			const editor = await connect(editorToken);
			const added = await editor.callTool({ name: 'addUser', arguments: { name: 'Mona Mcp', title: 'Integrator', manager: 'Jane Smith' } });
			expect(added.isError).toBeFalsy();
			expect((firstJson(added.content) as { person: { name: string } }).person.name).toBe('Mona Mcp');
			expect((await people()).some((person) => person.name === 'Mona Mcp')).toBe(true);

			const viewer = await connect(viewerToken);
			const refused = await viewer.callTool({ name: 'addUser', arguments: { name: 'Vic Viewer', title: 'Nope', manager: 'Jane Smith' } });
			expect(refused.isError).toBe(true);
			expect((firstJson(refused.content) as { error: { code: string } }).error.code).toBe('forbidden');
			expect((await people()).some((person) => person.name === 'Vic Viewer')).toBe(false);
		});

		test("an MCP change shows in the history with the token as actor, naming the person, and can be undone", async () => {
			const editor = await connect(editorToken);
			const added = await editor.callTool({ name: 'addUser', arguments: { name: 'Hedda Historic', title: 'Archivist', manager: 'Jane Smith' } });
			expect(added.isError).toBeFalsy();
			const { changeId, person } = firstJson(added.content) as { changeId: string; person: { id: string } };
			expect(changeId).toBeTruthy();

			type Change = { id: string; actor: { kind: string; tokenId?: string; userId?: string }; summary: string; personIds: string[]; undoneBy: string | null };
			const { changes } = (await (await app().fetch(`/api/orgs/acme/changes?personId=${person.id}`)).json()) as { changes: Change[] };
			const change = changes.find((entry) => entry.id === changeId)!;
			expect(change.actor.kind).toBe('token');
			expect(change.actor.tokenId).toBeTruthy();
			expect(change.summary).toContain('Hedda Historic');
			expect(change.personIds).toEqual([person.id]);

			const undo = await app().fetch(`/api/orgs/acme/changes/${changeId}/undo`, { method: 'POST' });
			expect(undo.status).toBe(201);
			expect((await people()).some((entry) => entry.id === person.id)).toBe(false);
		});

		test('tool errors come back as results: an unknown person is not_found', async () => {
			const client = await connect(viewerToken);
			const result = await client.callTool({ name: 'getUserInformation', arguments: { person: 'Nobody Atall Zzyzx' } });
			expect(result.isError).toBe(true);
			expect((firstJson(result.content) as { error: { code: string } }).error.code).toBe('not_found');
		});

		test('resources: the org as JSON, and a person by id', async () => {
			const client = await connect(viewerToken);
			const org = await client.readResource({ uri: 'organichart://org' });
			const body = JSON.parse((org.contents[0] as { text: string }).text) as { organization: { slug: string }; people: { id: string; name: string }[] };
			expect(body.organization.slug).toBe('acme');
			expect(body.people.length).toBe((await people()).length);
			const { resourceTemplates } = await client.listResourceTemplates();
			expect(resourceTemplates.map((template) => template.uriTemplate)).toContain('organichart://people/{id}');
			const jane = body.people.find((person) => person.name === 'Jane Smith')!;
			const person = await client.readResource({ uri: `organichart://people/${jane.id}` });
			const detail = JSON.parse((person.contents[0] as { text: string }).text) as { person: { id: string; directReports: unknown[] } };
			expect(detail.person.id).toBe(jane.id);
			expect(detail.person.directReports.length).toBeGreaterThan(0);
			await expect(client.readResource({ uri: 'organichart://people/not-an-id' })).rejects.toThrow();
		});

		test('a wrong token, no token or a session cookie gets 401 with WWW-Authenticate: Bearer', async () => {
			await expect(connect('oc_wrong_token')).rejects.toMatchObject({ code: 401 });
			const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } };
			const headers = { ...json, accept: 'application/json, text/event-stream' };
			for (const response of [
				await fetch(`${app().url}/mcp`, { method: 'POST', headers, body: JSON.stringify(initialize) }),
				await app().fetch('/mcp', { method: 'POST', headers, body: JSON.stringify(initialize) })
			]) {
				expect(response.status).toBe(401);
				expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
				expect(((await response.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
			}
			// Stateless: with a token, GET (no stream to open) is 405 naming POST.
			const get = await fetch(`${app().url}/mcp`, { headers: { authorization: `Bearer ${viewerToken}`, accept: 'text/event-stream' } });
			expect(get.status).toBe(405);
			expect(get.headers.get('allow')).toBe('POST');
		});
	});
}
