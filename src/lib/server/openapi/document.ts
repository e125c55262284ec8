/** The OpenAPI 3.1 description of the REST API, built from the route table and its zod schemas. */
import { z } from 'zod';
import { SESSION_COOKIE_PREFIX } from '../auth/better-auth';
import { apiRoutes, type ApiRoute, type RouteSecurity } from './api-routes';

type JsonSchema = Record<string, unknown>;

/** A zod schema as the JSON Schema (2020-12, the dialect of OpenAPI 3.1) a client sends or receives. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
	const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' });
	return rest;
}

const errorSchema: JsonSchema = {
	type: 'object',
	properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } }, required: ['code', 'message'] } },
	required: ['error']
};

const securityRequirements: Record<RouteSecurity, Record<string, string[]>[]> = {
	public: [],
	sessionOrBearer: [{ session: [] }, { bearer: [] }],
	bearer: [{ bearer: [] }],
	metricsToken: [{ metricsToken: [] }]
};

function parameters(route: ApiRoute): JsonSchema[] {
	const inPath = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
	const query = route.query ? jsonSchema(route.query, 'input') : undefined;
	const properties = (query?.properties ?? {}) as Record<string, JsonSchema>;
	const required = new Set((query?.required ?? []) as string[]);
	const inQuery = Object.entries(properties).map(([name, schema]) => ({ name, in: 'query', required: required.has(name), schema }));
	return [...inPath, ...inQuery];
}

function operation(route: ApiRoute): JsonSchema {
	const responses: Record<string, JsonSchema> = {};
	for (const [status, response] of Object.entries(route.responses)) {
		const schema = response.schema ? jsonSchema(response.schema, 'output') : {};
		responses[status] = { description: response.description, content: { [response.contentType ?? 'application/json']: { schema } } };
	}
	responses.default = { description: 'An error: `{ error: { code, message } }` with a fitting 4xx/5xx status.', content: { 'application/json': { schema: errorSchema } } };
	return {
		summary: route.summary,
		tags: [route.tag],
		operationId: `${route.method}${route.path.replace(/[^A-Za-z0-9]+(\w?)/g, (_, next: string) => next.toUpperCase())}`,
		security: securityRequirements[route.security],
		parameters: parameters(route),
		...(route.body && {
			requestBody: { required: !route.bodyOptional, content: { [route.bodyContentType ?? 'application/json']: { schema: jsonSchema(route.body, 'input') } } }
		}),
		responses
	};
}

let cached: JsonSchema | undefined;

/** The whole document (built once: it depends only on the code). */
export function openApiDocument(): JsonSchema {
	if (cached) return cached;
	const paths: Record<string, Record<string, JsonSchema>> = {};
	for (const route of apiRoutes) (paths[route.path] ??= {})[route.method] = operation(route);
	cached = {
		openapi: '3.1.0',
		info: {
			title: 'OrganiChart API',
			version: '1.0.0',
			description: 'The org chart and its assistant. Errors are `{ error: { code, message } }`. Organizations are named by id or slug.'
		},
		servers: [{ url: '/' }],
		components: {
			securitySchemes: {
				session: { type: 'apiKey', in: 'cookie', name: `${SESSION_COOKIE_PREFIX}.session_token`, description: 'The session cookie set by /api/auth/login.' },
				bearer: { type: 'http', scheme: 'bearer', description: 'An API token from POST /api/tokens (`oc_…`), scoped to one organization and role.' },
				metricsToken: { type: 'http', scheme: 'bearer', description: 'The METRICS_TOKEN setting, for GET /metrics only (no account grants it).' }
			}
		},
		paths
	};
	return cached;
}
