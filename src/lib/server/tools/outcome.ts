/** Turning the services' refusals into results the model can read and recover from. */
import { AppError } from '../errors';
import type { PersonRef, ToolError, ToolErrorCode, ToolOutcome } from './types';

const toolErrorCodes = new Set<ToolErrorCode>([
	'invalid_arguments',
	'not_found',
	'ambiguous',
	'cycle',
	'cross_org',
	'duplicate_email',
	'multiple_roots',
	'conflict'
]);

/** The tool error an AppError stands for, or undefined when it is not one a tool reports. */
export function asToolError(error: unknown): ToolError | undefined {
	if (!(error instanceof AppError) || !toolErrorCodes.has(error.code as ToolErrorCode)) return undefined;
	const candidates = error.details?.candidates as PersonRef[] | undefined;
	return { code: error.code as ToolErrorCode, message: error.message, ...(candidates && { candidates }) };
}

/**
 * Runs a tool's work: refusals (unknown person, cycle…) become `{ ok: false }` results; anything
 * else is a real failure and propagates to the registry, which logs it.
 */
export async function runTool<Result>(
	work: () => Promise<{ result: Result; touched: string[] }>
): Promise<ToolOutcome<Result>> {
	try {
		const { result, touched } = await work();
		return { ok: true, result, touched: [...new Set(touched)] };
	} catch (error) {
		const toolError = asToolError(error);
		if (toolError) return { ok: false, error: toolError };
		throw error;
	}
}

/** A field that names a person, described for the model. */
export const personArgumentHelp =
	'A name as the user said it ("Jane", "jane smith", "José García") or the person\'s id.';
