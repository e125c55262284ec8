import { json } from '@sveltejs/kit';
import { openApiDocument } from '$lib/server/openapi/document';
import type { RequestHandler } from './$types';

/** The OpenAPI 3.1 description of this API, generated from the schemas the routes parse with. */
export const GET: RequestHandler = () => json(openApiDocument());
