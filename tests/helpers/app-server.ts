/** Runs the built app (`build/index.js`, as `npm start` does) in a child process for integration and browser tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export type AppServer = {
	url: string;
	/** `fetch` against this app, as its signed-in owner from the same origin (`path` starts with /). */
	fetch: (path: string, init?: RequestInit) => Promise<Response>;
	/** The owner the app was started with (ADMIN_EMAIL / ADMIN_PASSWORD), or null when started without. */
	admin: { email: string; password: string; cookie: string } | null;
	logs: () => string;
	stop: () => Promise<void>;
	process: ChildProcess;
};

const root = resolve(import.meta.dirname, '..', '..');

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
	return new Promise((resolvePort, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
		});
	});
}

/** The owner every test app starts with, unless `env` sets ADMIN_EMAIL to '' (a first run with the setup screen). */
export const TEST_ADMIN = { email: 'owner@organichart.test', password: 'correct horse battery staple' };

/**
 * Starts the app with a fresh embedded database (unless `env.DATABASE_URL` is given), no model
 * configured and no token delay, signed in as TEST_ADMIN, plus `env`; resolves once /healthz answers
 * (within `startTimeoutMs`, 60 s unless given: a start with much data to prepare may need longer).
 */
export async function startAppServer(env: Record<string, string> = {}, dataDir?: string, options: { startTimeoutMs?: number } = {}): Promise<AppServer> {
	const port = await freePort();
	const ownDataDir = dataDir ? undefined : mkdtempSync(join(tmpdir(), 'organichart-test-'));
	let output = '';
	const child = spawn(process.execPath, [join(root, 'build', 'index.js')], {
		cwd: root,
		env: {
			PATH: process.env.PATH ?? '',
			HOME: process.env.HOME ?? '',
			HOST: '127.0.0.1',
			PORT: String(port),
			DATA_DIR: dataDir ?? ownDataDir!,
			OFFLINE_TOKEN_DELAY_MS: '0',
			// As npm start sets it (scripts/start.js).
			BODY_SIZE_LIMIT: '32M',
			ADMIN_EMAIL: TEST_ADMIN.email,
			ADMIN_PASSWORD: TEST_ADMIN.password,
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	const url = `http://127.0.0.1:${port}`;
	const exited = new Promise<number | null>((resolveExit) => child.once('exit', resolveExit));
	const stop = async () => {
		if (child.exitCode === null) {
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
			await exited;
			clearTimeout(timer);
		}
		if (ownDataDir) rmSync(ownDataDir, { recursive: true, force: true });
	};
	const startTimeoutMs = options.startTimeoutMs ?? 60_000;
	const deadline = Date.now() + startTimeoutMs;
	let healthy = false;
	while (!healthy && Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`The app exited during start (${child.exitCode}):\n${output}`);
		healthy = await fetch(`${url}/healthz`).then((response) => response.ok, () => false);
		if (!healthy) await new Promise((resolveWait) => setTimeout(resolveWait, 150));
	}
	if (!healthy) {
		await stop();
		throw new Error(`The app did not become healthy within ${startTimeoutMs / 1000} s:\n${output}`);
	}
	try {
		const admin =
			env.ADMIN_EMAIL === ''
				? null
				: await signIn(url, env.ADMIN_EMAIL ?? TEST_ADMIN.email, env.ADMIN_PASSWORD ?? TEST_ADMIN.password, allowedHost(env, port));
		return { url, fetch: appFetch(url, admin?.cookie), admin, logs: () => output, stop, process: child };
	} catch (error) {
		await stop();
		throw new Error(`${(error as Error).message}\n${output}`, { cause: error });
	}
}

/** A Host the app answers for under these settings (ORIGIN's, the first of ALLOWED_HOSTS, or loopback). */
function allowedHost(env: Record<string, string>, port: number): string {
	if (env.ORIGIN) return new URL(env.ORIGIN).host;
	const listed = env.ALLOWED_HOSTS?.split(',')[0]?.trim();
	return listed || `127.0.0.1:${port}`;
}

/**
 * A fetch for one app: relative paths, the app's own Origin on every request as its page sends,
 * and the session cookie (unless the request brings its own cookie or a bearer token).
 */
export function appFetch(url: string, cookie?: string): AppServer['fetch'] {
	return (path, init = {}) => {
		const headers = new Headers(init.headers);
		if (!headers.has('origin')) headers.set('origin', url);
		if (cookie && !headers.has('cookie') && !headers.has('authorization')) headers.set('cookie', cookie);
		return fetch(`${url}${path}`, { ...init, headers });
	};
}

/**
 * Signs in through the API, addressing the server as `host` (node:http, since fetch cannot set Host);
 * returns the credentials with the session cookie to send.
 */
export function signIn(url: string, email: string, password: string, host = new URL(url).host): Promise<{ email: string; password: string; cookie: string }> {
	const body = JSON.stringify({ email, password });
	return new Promise((resolveSignIn, reject) => {
		const req = httpRequest(
			`${url}/api/auth/login`,
			{ method: 'POST', headers: { host, origin: `http://${host}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
			(res) => {
				let text = '';
				res.on('data', (chunk) => (text += chunk));
				res.on('end', () => {
					const cookie = (res.headers['set-cookie'] ?? []).find((value) => value.includes('session_token='));
					if (res.statusCode !== 200 || !cookie) reject(new Error(`Sign-in as ${email} failed: ${res.statusCode} ${text}`));
					else resolveSignIn({ email, password, cookie: cookie.split(';')[0] });
				});
			}
		);
		req.on('error', reject);
		req.end(body);
	});
}

/** The `name=value` of the session cookie a response sets. */
export function sessionCookie(response: Response): string {
	const cookie = response.headers.getSetCookie().find((value) => value.includes('session_token='));
	if (!cookie) throw new Error('The response set no session cookie.');
	return cookie.split(';')[0];
}
