/** Maps what the `openai` client throws to a ModelError that tells the user what to do. */
import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { logServerError } from '../redact';
import { asSentence, providerDetail, redactSecrets } from './provider-errors';
import { ModelError } from './types';

export type ProviderDescription = { host: string; model: string; apiKey?: string };

/**
 * A failure before or during the stream, as a ModelError whose message is fit for users: no
 * key, host, port or model name. Those go to the server log, with secrets redacted.
 */
export function toModelError(error: unknown, provider: ProviderDescription): ModelError {
	if (error instanceof ModelError) return error;
	logServerError(`model provider ${provider.host} (model ${provider.model}) failed`, redactSecrets(describe(error), [provider.apiKey]));
	return userFacingModelError(error, provider);
}

function describe(error: unknown): string {
	return error instanceof Error ? `${error.name}: ${error.message}${error.cause ? ` (cause: ${String(error.cause)})` : ''}` : String(error);
}

function userFacingModelError(error: unknown, provider: ProviderDescription): ModelError {
	const secrets = [provider.apiKey];
	if (error instanceof APIConnectionTimeoutError) {
		return new ModelError('The model provider did not answer in time. Please try again.', true, { kind: 'timeout', cause: error });
	}
	if (error instanceof APIConnectionError) {
		return new ModelError(
			'Could not reach the model provider. Check that it is running and that the server is configured to use it.',
			true,
			{ kind: 'connection', cause: error }
		);
	}
	if (error instanceof APIError) {
		const detail = providerDetail(error.error ?? error.message, secrets);
		const status = error.status;
		if (status === 401 || status === 403) {
			return new ModelError('The model provider rejected the API key (check OPENAI_API_KEY).', false, { kind: 'auth', cause: error });
		}
		if (status === 404) {
			return new ModelError('The model provider does not know the configured model (check OPENAI_MODEL).', false, { kind: 'not_found', cause: error });
		}
		if (status === 429) {
			const outOfQuota = error.code === 'insufficient_quota';
			return outOfQuota
				? new ModelError('The model provider says the account has run out of quota or credit.', false, { kind: 'quota', cause: error })
				: new ModelError('The model provider is rate limiting requests. Try again shortly.', true, { kind: 'rate_limited', cause: error });
		}
		if (status !== undefined && status >= 500) {
			return new ModelError(`The model provider is having problems (HTTP ${status}). Try again in a moment.`, true, {
				kind: 'server_error',
				cause: error
			});
		}
		if (status !== undefined) {
			const why = detail ? `: ${asSentence(detail)}` : '.';
			return new ModelError(`The model provider refused the request (HTTP ${status})${why}`, false, { kind: 'rejected', cause: error });
		}
		// No status: an `{"error": …}` object sent inside the stream.
		const why = detail ? asSentence(detail) : 'it gave no details.';
		return new ModelError(`The model provider stopped the answer with an error: ${why} Please try again.`, true, { kind: 'stream_error', cause: error });
	}
	if (error instanceof SyntaxError) {
		return new ModelError('The model provider sent a response that is not valid JSON. Please try again.', true, {
			kind: 'invalid_response',
			cause: error
		});
	}
	// Anything else while reading the body (a reset socket, a truncated chunk) means the connection broke.
	return new ModelError('The connection to the model provider broke off mid-answer. Please try again.', true, {
		kind: 'dropped',
		cause: error
	});
}
