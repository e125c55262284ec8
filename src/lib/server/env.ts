import { z } from 'zod';

/** Where to read settings from; tests pass their own record instead of process.env. */
export type EnvSource = Record<string, string | undefined>;

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);
const optionalString = z.preprocess(emptyAsUndefined, z.string().optional());
const optionalUrl = (what: string) =>
	z.preprocess(emptyAsUndefined, z.url({ message: `${what} must be a URL` }).optional());
const positiveInt = (fallback: number) => z.preprocess(emptyAsUndefined, z.coerce.number().int().positive().default(fallback));
const positiveNumber = (fallback: number) => z.preprocess(emptyAsUndefined, z.coerce.number().positive().finite().default(fallback));
const nonNegativeInt = (fallback: number) =>
	z.preprocess(emptyAsUndefined, z.coerce.number().int().nonnegative().default(fallback));

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
	RUN_LEASE_S: positiveInt(30),
	SEED_DEMO: z.preprocess(emptyAsUndefined, z.enum(['true', 'false']).default('true')),
	/** adapter-node's public URL of the app (`https://org.example.com`); also decides Secure cookies. */
	ORIGIN: optionalUrl('ORIGIN'),
	PROTOCOL_HEADER: optionalString,
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
