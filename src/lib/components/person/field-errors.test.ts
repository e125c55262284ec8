import { describe, expect, test } from 'vitest';
import { ApiError } from '$lib/client/api';
import { fieldErrors } from './field-errors';

describe('fieldErrors', () => {
	test('a validation message goes to its field without the prefix', () => {
		const error = new ApiError('invalid_request', 'email: Enter a valid email address.; startDate: The start date must look like 2024-05-31.', 400);
		expect(fieldErrors(error)).toEqual({ email: 'Enter a valid email address.', startDate: 'The start date must look like 2024-05-31.' });
	});

	test('a refusal by code goes to the field it is about', () => {
		expect(fieldErrors(new ApiError('cycle', 'Wei Zhang reports to Jane Smith, so …', 409))).toEqual({ manager: 'Wei Zhang reports to Jane Smith, so …' });
		expect(fieldErrors(new ApiError('duplicate_email', 'Jane Smith already uses the email jane@x.io.', 409)).email).toContain('already uses');
	});

	test('anything else is a form error', () => {
		expect(fieldErrors(new ApiError('forbidden', 'Viewers cannot change people.', 403))).toEqual({ form: 'Viewers cannot change people.' });
		expect(fieldErrors(new Error('boom'))).toEqual({ form: 'boom' });
	});
});
