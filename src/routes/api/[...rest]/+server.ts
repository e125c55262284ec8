import { AppError, errorResponse } from '$lib/server/errors';
import type { RequestHandler } from './$types';

/** Any /api address no route serves: a JSON 404 like the API's other errors, for every method. */
export const fallback: RequestHandler = () => errorResponse(new AppError('not_found', 'There is no API route at this address.'));
