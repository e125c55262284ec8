/** GET /api/openapi.json on the built server: valid OpenAPI 3.1, and every route the server answers is in it. */
import { validate } from '@readme/openapi-parser';
import { describe, expect, test } from 'vitest';
import { anonymousFetch } from '../helpers/accounts';
import { serverRoutes as allServerRoutes } from '../helpers/server-routes';
import { stackTargets, useAppServer } from '../helpers/targets';

type Document = { openapi: string; paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> } }>> };

/** Every `+server.ts` method as `METHOD /path` in OpenAPI form (`[org]` → `{org}`), the catch-all 404 left out. */
function serverRoutes(): string[] {
	return allServerRoutes()
		.filter((route) => !route.includes('[...'))
		.map((route) => route.replace(/\[(\w+)\]/g, '{$1}'))
		.sort();
}

// The document depends only on the code, so one stack is enough.
const [target] = stackTargets();

describe('OpenAPI description', () => {
	const app = useAppServer(target);

	test('is served to signed-in callers only, as valid OpenAPI 3.1', async () => {
		expect((await anonymousFetch(app())('/api/openapi.json')).status).toBe(401);
		const response = await app().fetch('/api/openapi.json');
		expect(response.status).toBe(200);
		const document = (await response.json()) as Document;
		expect(document.openapi).toMatch(/^3\.1\./);
		const result = await validate(structuredClone(document) as never);
		expect(result.valid, result.valid ? '' : JSON.stringify(result.errors, null, 2)).toBe(true);
	});

	test('lists every route the server answers, and only those', async () => {
		const document = (await (await app().fetch('/api/openapi.json')).json()) as Document;
		const documented = Object.entries(document.paths)
			.flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`))
			.sort();
		expect(documented).toEqual(serverRoutes());
	});

	test('request bodies come from the zod schemas the routes parse with', async () => {
		const document = (await (await app().fetch('/api/openapi.json')).json()) as Document;
		const addPerson = document.paths['/api/orgs/{org}/people'].post.requestBody!.content['application/json'].schema;
		expect(Object.keys(addPerson.properties ?? {})).toEqual(expect.arrayContaining(['name', 'title', 'manager', 'managerId', 'email', 'startDate']));
		const createToken = document.paths['/api/tokens'].post.requestBody!.content['application/json'].schema;
		expect(Object.keys(createToken.properties ?? {})).toEqual(expect.arrayContaining(['name', 'orgId', 'role']));
	});
});
