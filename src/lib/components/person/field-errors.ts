/**
 * Puts the server's refusal on the field it is about, so the form says what the tools say, where
 * the user looks: "email: Enter a valid email address." goes under Email as "Enter a valid email
 * address."; a cycle or an unknown manager under Manager; anything else above the buttons.
 */
import { ApiError } from '$lib/client/api';

export type FormField = 'name' | 'title' | 'department' | 'email' | 'location' | 'startDate' | 'vacancy' | 'dottedLineManagerIds' | 'manager';
export type FieldErrors = Partial<Record<FormField | 'form', string>>;

const fields: readonly FormField[] = ['name', 'title', 'department', 'email', 'location', 'startDate', 'vacancy', 'dottedLineManagerIds', 'manager'];
const byCode: Partial<Record<string, FormField>> = {
	duplicate_email: 'email',
	cycle: 'manager',
	multiple_roots: 'manager',
	cross_org: 'manager',
	ambiguous: 'manager'
};

/** The server's error split by field (each message as the server wrote it, without the field prefix). */
export function fieldErrors(error: unknown): FieldErrors {
	if (!(error instanceof ApiError)) return { form: error instanceof Error ? error.message : 'Something went wrong.' };
	const result: FieldErrors = {};
	// Several problems arrive joined by "; ", each "path: message".
	for (const part of error.message.split('; ')) {
		const match = /^([A-Za-z]+)(?:\.\d+)?: (.*)$/s.exec(part);
		const field = match && (match[1] === 'managerId' ? 'manager' : (match[1] as FormField));
		if (match && field && fields.includes(field)) result[field] = join(result[field], match[2]);
		else {
			const target = byCode[error.code] ?? 'form';
			result[target] = join(result[target], part);
		}
	}
	return result;
}

const join = (before: string | undefined, message: string) => (before ? `${before} ${message}` : message);
