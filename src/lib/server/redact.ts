/** Secrets out of server logs: bearer tokens, API keys and credential headers never reach a log line. */

const SECRET_PATTERNS: [RegExp, string][] = [
	[/\b(authorization|proxy-authorization|cookie|set-cookie)(["']?\s*[:=]\s*["']?)[^"'\n,}]*/gi, '$1$2[redacted]'],
	[/\bBearer\s+[A-Za-z0-9._~+/=-]+/gi, 'Bearer [redacted]'],
	[/\bsk-[A-Za-z0-9_*-]{6,}/g, '[redacted]'],
	[/\b(api[_-]?key|token|password)=([^\s&"']+)/gi, '$1=[redacted]']
];

/** `text` with bearer tokens, `sk-…` keys, Authorization/Cookie values and key=… parameters replaced. */
export function redact(text: string): string {
	let clean = text;
	for (const [pattern, replacement] of SECRET_PATTERNS) clean = clean.replace(pattern, replacement);
	return clean;
}

/** An error with its stack and causes, as one text for the log. */
function describeError(error: unknown, depth = 0): string {
	if (!(error instanceof Error)) {
		if (typeof error === 'string') return error;
		try {
			return JSON.stringify(error) ?? String(error);
		} catch {
			return String(error);
		}
	}
	const own = error.stack ?? `${error.name}: ${error.message}`;
	const cause = error.cause !== undefined && depth < 4 ? `\n  caused by: ${describeError(error.cause, depth + 1)}` : '';
	return own + cause;
}

/** Logs an unexpected server error with its causes, secrets redacted. Details stay here, never in responses. */
export function logServerError(context: string, error: unknown): void {
	console.error(`[organichart] ${context}: ${redact(describeError(error))}`);
}
