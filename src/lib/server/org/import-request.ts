/** The HTTP side of CSV imports, shared by POST /api/orgs/:org/import and POST /api/orgs (a new org from a CSV). */
import { json } from '@sveltejs/kit';
import { AppError, toAppError } from '../errors';
import { sseResponse } from '../runs/sse';
import type { OrgContext } from './context';
import { applyImport, type ImportOptions } from './people-import';

export type ImportRequestOptions = ImportOptions & { dryRun: boolean };

/** `?dryRun=1` and `?columns={"Header":"field",…}`. */
export function readImportOptions(url: URL): ImportRequestOptions {
	const dryRun = ['1', 'true', 'yes'].includes((url.searchParams.get('dryRun') ?? '').toLowerCase());
	const columns = url.searchParams.get('columns');
	if (!columns) return { dryRun };
	let mapping: unknown;
	try {
		mapping = JSON.parse(columns);
	} catch {
		throw new AppError('invalid_request', 'columns must be JSON: an object from a header to a field (or null to skip the column).');
	}
	if (!mapping || typeof mapping !== 'object' || Array.isArray(mapping) || Object.values(mapping).some((field) => field !== null && typeof field !== 'string')) {
		throw new AppError('invalid_request', 'columns must map each header to a field name, or to null to skip the column.');
	}
	return { dryRun, mapping: mapping as Record<string, string | null> };
}

type ImportEvent =
	| { type: 'progress'; done: number; total: number }
	| { type: 'result'; summary: unknown; changeId: string | null }
	| { type: 'error'; error: string; code: string; details?: Record<string, unknown> };

/**
 * Applies an import: JSON `{ summary, changeId }`, or with `Accept: text/event-stream` a stream of
 * `progress` events (rows written so far) ending in `result` or `error`.
 */
export async function importResponse(request: Request, ctx: OrgContext, csv: string, options: ImportOptions, status = 200): Promise<Response> {
	if (!(request.headers.get('accept') ?? '').includes('text/event-stream')) {
		return json(await applyImport(ctx, csv, options), { status });
	}
	return sseResponse<ImportEvent>(async (writer) => {
		let id = 0;
		let lastSent = 0;
		try {
			const result = await applyImport(ctx, csv, {
				...options,
				onProgress: (done, total) => {
					// A few dozen updates are enough for a progress bar.
					if (done !== total && done - lastSent < Math.max(1, total / 50)) return;
					lastSent = done;
					void writer.send(++id, { type: 'progress', done, total }).catch(() => {});
				}
			});
			await writer.send(++id, { type: 'result', ...result });
		} catch (error) {
			const appError = toAppError(error);
			await writer.send(++id, { type: 'error', error: appError.message, code: appError.code, ...(appError.details && { details: appError.details }) });
		}
	});
}
