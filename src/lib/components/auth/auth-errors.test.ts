import { describe, expect, test } from 'vitest';
import { ApiError } from '$lib/client/api';
import { accountErrorMessage, describeWait } from './auth-errors';

describe('account error messages', () => {
	test('a refusal for too many tries says how long to wait', () => {
		const error = new ApiError('rate_limited', 'Too many sign-in attempts.', 429, { retryAfterSeconds: 120 });
		expect(accountErrorMessage(error)).toBe('Too many sign-in attempts. Try again in 2 minutes.');
	});

	test('waits are rounded up to whole seconds or minutes', () => {
		expect(describeWait(1)).toBe('1 second');
		expect(describeWait(42.2)).toBe('43 seconds');
		expect(describeWait(61 * 5)).toBe('6 minutes');
	});

	test('other errors keep the server message, unknown failures get a generic one', () => {
		expect(accountErrorMessage(new ApiError('unauthorized', 'Wrong email or password.', 401))).toBe('Wrong email or password.');
		expect(accountErrorMessage(new Error('boom'))).toBe('Something went wrong. Try again.');
	});
});
