import { z } from 'zod';

/** Where to read settings from; tests pass their own record instead of process.env. */
export type EnvSource = Record<string, string | undefined>;

/** True for "https://host[:port]" with nothing after the host (a trailing "/" is tolerated). */
function isPlainOrigin(value: string): boolean {
	if (!URL.canParse(value)) return false;
	const url = new URL(value);
	const plain = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
	return (url.protocol === 'http:' || url.protocol === 'https:') && url.host !== '' && plain;
}

/** True for a host name or address with an optional port, nothing else (no scheme, path or user). */
function isHostName(value: string): boolean {
	return /^[^\s/@?#\\]+$/.test(value) && URL.canParse(`http://${value}`);
}

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);
const optionalString = z.preprocess(emptyAsUndefined, z.string().optional());
const optionalUrl = (what: string) =>
	z.preprocess(emptyAsUndefined, z.url({ message: `${what} must be a URL` }).optional());
const positiveInt = (fallback: number) => z.preprocess(emptyAsUndefined, z.coerce.number().int().positive().default(fallback));
const positiveNumber = (fallback: number) => z.preprocess(emptyAsUndefined, z.coerce.number().positive().finite().default(fallback));
const nonNegativeInt = (fallback: number) =>
	z.preprocess(emptyAsUndefined, z.coerce.number().int().nonnegative().default(fallback));

/** A comma-separated list; blanks dropped. */
const commaList = z.preprocess(
	(value) => (typeof value === 'string' ? value.split(',').map((item) => item.trim()).filter(Boolean) : []),
	z.array(z.string())
);

/** `ORIGIN` as adapter-node reads it: a full origin (scheme and host, nothing after). */
const originSetting = z.preprocess(
	emptyAsUndefined,
	z
		.string()
		.refine(isPlainOrigin, 'ORIGIN must be an origin like https://chart.example.com (scheme and host, no path)')
		.transform((value) => new URL(value).origin)
		.optional()
);

/** `ALLOWED_HOSTS`: host names, each with an optional port ("chart.example.com", "10.0.0.5:3000"). */
const allowedHosts = commaList.pipe(
	z.array(
		z
			.string()
			.refine((value) => isHostName(value), 'ALLOWED_HOSTS must be host names, e.g. chart.example.com,10.0.0.5:3000')
			.transform((value) => value.toLowerCase())
	)
);

/** `CORS_ORIGINS`: full origins allowed to call the API from their pages; never "*". */
const corsOrigins = commaList.pipe(
	z.array(
		z
			.string()
			.refine((value) => value !== '*', 'CORS_ORIGINS cannot be "*": list each origin, e.g. https://tools.example.com')
			.refine((value) => value === '*' || isPlainOrigin(value), 'CORS_ORIGINS must be origins like https://tools.example.com')
			.transform((value) => (value === '*' ? value : new URL(value).origin))
	)
);

const envSchema = z.object({
	PORT: positiveInt(3000),
	HOST: z.preprocess(emptyAsUndefined, z.string().default('127.0.0.1')),
	DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('./data')),
	DATABASE_URL: optionalUrl('DATABASE_URL'),
	REDIS_URL: optionalUrl('REDIS_URL'),
	LLM_PROVIDER: z.preprocess(emptyAsUndefined, z.enum(['openai', 'offline']).optional()),
	OPENAI_API_KEY: optionalString,
	OPENAI_BASE_URL: optionalUrl('OPENAI_BASE_URL'),
	OPENAI_MODEL: z.preprocess(emptyAsUndefined, z.string().default('gpt-4o-mini')),
	OFFLINE_TOKEN_DELAY_MS: nonNegativeInt(8),
	RUN_TIMEOUT_S: positiveInt(540),
	MAX_TOOL_STEPS: positiveInt(8),
	/** A model stream that sends nothing for this long is ended with an error. */
	UPSTREAM_IDLE_TIMEOUT_S: positiveInt(60),
	/** A stream client that reads nothing while its buffer is full for this long is dropped (it can resume). */
	SSE_SLOW_CLIENT_S: positiveInt(60),
	/** Hours a finished run's events stay replayable (fractions allowed); its messages stay for good. */
	RUN_EVENTS_RETENTION_H: positiveNumber(24),
	/** Seconds a run's lease lasts without renewal; another instance closes the run only after it expired. */
	RUN_LEASE_S: positiveInt(15),
	SEED_DEMO: z.preprocess(emptyAsUndefined, z.enum(['true', 'false']).default('true')),
	/** adapter-node's public URL of the app (`https://org.example.com`): an allowed host; an https one marks cookies Secure. */
	ORIGIN: originSetting,
	ALLOWED_HOSTS: allowedHosts,
	CORS_ORIGINS: corsOrigins,
	/** Which assistant changes wait for the user's approval: removals and multi-person moves, every change, or none. */
	TOOL_APPROVAL: z.preprocess(emptyAsUndefined, z.enum(['destructive', 'all', 'none']).default('destructive')),
	APPROVAL_TIMEOUT_S: positiveInt(600),
	MAX_TOOL_CALLS_PER_TURN: positiveInt(10),
	PROTOCOL_HEADER: optionalString,
	/** adapter-node's header naming the client's address behind a proxy (`x-forwarded-for`); unset, the socket's peer is the client. */
	ADDRESS_HEADER: optionalString,
	/** The bearer token `GET /metrics` asks for; unset, metrics answer only to clients on this machine. */
	METRICS_TOKEN: z.preprocess(
		emptyAsUndefined,
		z
			.string()
			.min(16, 'METRICS_TOKEN must be at least 16 characters of random data')
			.regex(/^[\x21-\x7e]+$/, 'METRICS_TOKEN must be printable ASCII without spaces (it is sent as "Authorization: Bearer <token>")')
			.optional()
	),
	AUTH_SECRET: z.preprocess(emptyAsUndefined, z.string().min(32, 'AUTH_SECRET must be at least 32 characters of random data').optional()),
	ADMIN_EMAIL: z.preprocess(emptyAsUndefined, z.email({ message: 'ADMIN_EMAIL must be an email address' }).optional()),
	ADMIN_PASSWORD: z.preprocess(emptyAsUndefined, z.string().min(8, 'ADMIN_PASSWORD must be at least 8 characters').max(256).optional()),
	LOGIN_MAX_FAILURES: positiveInt(10),
	CHAT_RUNS_PER_MINUTE: positiveInt(30)
});

export type AppEnv = Omit<z.infer<typeof envSchema>, 'LLM_PROVIDER' | 'SEED_DEMO'> & {
	LLM_PROVIDER: 'openai' | 'offline';
	SEED_DEMO: boolean;
};

/** Parses and validates settings; throws one readable error listing every bad variable. */
export function parseEnv(source: EnvSource): AppEnv {
	const parsed = envSchema.safeParse(source);
	if (!parsed.success) {
		const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
		throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
	}
	const value = parsed.data;
	const provider = value.LLM_PROVIDER ?? (value.OPENAI_API_KEY || value.OPENAI_BASE_URL ? 'openai' : 'offline');
	if (provider === 'openai' && !value.OPENAI_API_KEY && !value.OPENAI_BASE_URL) {
		throw new Error(
			'Invalid configuration:\n  LLM_PROVIDER=openai needs OPENAI_API_KEY (for OpenAI) or OPENAI_BASE_URL (for a compatible server)'
		);
	}
	if (Boolean(value.ADMIN_EMAIL) !== Boolean(value.ADMIN_PASSWORD)) {
		throw new Error('Invalid configuration:\n  ADMIN_EMAIL and ADMIN_PASSWORD go together: set both, or neither');
	}
	return { ...value, LLM_PROVIDER: provider, SEED_DEMO: value.SEED_DEMO === 'true' };
}

let cached: AppEnv | undefined;

/** The process's validated settings, read once. */
export function getEnv(): AppEnv {
	cached ??= parseEnv(process.env);
	return cached;
}
