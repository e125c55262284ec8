import { afterEach, describe, expect, it, vi } from 'vitest';
import { logServerError, redact } from './redact';

describe('redact', () => {
	it('takes bearer tokens, sk- keys, credential headers and key parameters out of log text', () => {
		const text = redact(
			'Authorization: Bearer abc.def-123\ncookie=session=s3cr3t; theme=dark\nkey sk-proj-AbCdEf123456 url?api_key=zzz&x=1 {"authorization":"Basic dXNlcjpwYXNz"}\nsent Bearer xyz987654321'
		);
		expect(text).not.toMatch(/abc\.def-123|s3cr3t|AbCdEf123456|zzz|dXNlcjpwYXNz|xyz987654321/);
		expect(text).toContain('[redacted]');
		expect(text).toContain('x=1');
	});
});

describe('logServerError', () => {
	afterEach(() => vi.restoreAllMocks());

	it('logs the error with its cause, redacted', () => {
		const log = vi.spyOn(console, 'error').mockImplementation(() => {});
		logServerError('provider failed', new Error('outer', { cause: new Error('ECONNREFUSED 10.0.0.5:8080 Bearer tok_123456789') }));
		const line = String(log.mock.calls[0][0]);
		expect(line).toContain('outer');
		expect(line).toContain('10.0.0.5:8080');
		expect(line).not.toContain('tok_123456789');
	});
});
