/** Turns what a provider says went wrong into text fit for users, with secrets taken out. */
import { ModelError } from './types';
import type { ProviderErrorBody } from './chunk-schema';

const MAX_DETAIL_LENGTH = 300;
/** Shapes of API keys that providers sometimes echo back in error messages. */
const KEY_PATTERNS = [/\bsk-[A-Za-z0-9_*-]{6,}/g, /\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/gi, /\b(?:api[_-]?key|key)=([^\s&]+)/gi];

/** Removes API keys (the configured one and anything shaped like one) from provider text. */
export function redactSecrets(text: string, secrets: (string | undefined)[] = []): string {
	let clean = text;
	for (const secret of secrets) {
		if (secret && secret.length >= 4) clean = clean.split(secret).join('[redacted]');
	}
	for (const pattern of KEY_PATTERNS) clean = clean.replace(pattern, '[redacted]');
	return clean;
}

/** The provider's own words about a failure, shortened and redacted; empty when it gave none. */
export function providerDetail(body: unknown, secrets: (string | undefined)[] = []): string {
	let raw = '';
	if (typeof body === 'string') raw = body;
	else if (body && typeof body === 'object' && 'message' in body) {
		const message = body.message;
		raw = typeof message === 'string' ? message : JSON.stringify(message ?? '');
	}
	const clean = redactSecrets(raw.trim(), secrets);
	return clean.length > MAX_DETAIL_LENGTH ? `${clean.slice(0, MAX_DETAIL_LENGTH)}…` : clean;
}

/** Ends text with a full stop unless it already ends a sentence. */
export function asSentence(text: string): string {
	return /[.!?…]$/.test(text) ? text : `${text}.`;
}

/** Codes that mean sending the same request again will not help. */
const PERMANENT_CODES = /invalid_request|invalid_api_key|authentication|permission|not_found|context_length|unsupported/i;

/** The ModelError for an `{"error": …}` object sent inside a stream instead of a chunk. */
export function streamedErrorToModelError(body: ProviderErrorBody, secrets: (string | undefined)[] = []): ModelError {
	const detail = providerDetail(body, secrets);
	const code = typeof body === 'object' ? `${String(body.code ?? '')} ${String(body.type ?? '')}` : '';
	const retryable = !PERMANENT_CODES.test(code);
	const message = detail
		? `The model provider stopped the answer with an error: ${asSentence(detail)}`
		: 'The model provider stopped the answer with an error it did not describe.';
	return new ModelError(retryable ? `${message} Please try again.` : message, retryable, { kind: 'stream_error', cause: body });
}
