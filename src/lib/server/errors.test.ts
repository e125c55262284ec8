import { describe, expect, it } from 'vitest';
import { AppError, errorResponse, isStorageUnavailable, toAppError } from './errors';

/** An error shaped like the drivers' own: node-postgres sets `code` (a SQLSTATE or a socket code); Drizzle wraps it as `cause`. */
const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
const wrapped = (cause: unknown) => new Error('Failed query: select 1', { cause });

describe('storage outages are 503, not 500', () => {
	it.each([
		['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
		['a pool that cannot connect in time', new Error('timeout exceeded when trying to connect')],
		['a connection cut mid-query, wrapped by Drizzle', wrapped(new Error('Connection terminated unexpectedly'))],
		['a statement timeout', wrapped(withCode('canceling statement due to statement timeout', '57014'))],
		['the server shutting down', withCode('terminating connection due to administrator command', '57P01')],
		['a connection exception class', withCode('connection failure', '08006')],
		['too many connections', withCode('sorry, too many clients already', '53300')],
		['a Redis command timeout', new Error('Command timed out')],
		['Redis gone with no offline queue', new Error("Stream isn't writeable and enableOfflineQueue options is false")]
	])('%s', (_, error) => {
		expect(isStorageUnavailable(error)).toBe(true);
		const appError = toAppError(error);
		expect(appError.status).toBe(503);
		expect(appError.message).not.toMatch(/127\.0\.0\.1|5432|statement|ECONN/);
	});

	it.each([
		['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
		['a constraint violation', withCode('duplicate key value violates unique constraint', '23505')],
		['a syntax error in SQL', withCode('syntax error at or near "selec"', '42601')],
		['nothing at all', undefined]
	])('%s stays an internal error', (_, error) => {
		expect(isStorageUnavailable(error)).toBe(false);
		expect(toAppError(error).status).toBe(500);
	});

	it('keeps AppErrors as they are, and answers JSON with the code', async () => {
		const refusal = new AppError('forbidden', 'No.');
		expect(toAppError(refusal)).toBe(refusal);
		const response = errorResponse(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'));
		expect(response.status).toBe(503);
		expect((await response.json()).error.code).toBe('unavailable');
	});
});
