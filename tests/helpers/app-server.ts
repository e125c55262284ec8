/** Runs the built app (`build/index.js`, as `npm start` does) in a child process for integration and browser tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export type AppServer = {
	url: string;
	/** `fetch` against this app, as its signed-in owner from the same origin (`path` starts with /). */
	fetch: (path: string, init?: RequestInit) => Promise<Response>;
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

/**
 * Starts the app with a fresh embedded database (unless `env.DATABASE_URL` is given), no model
 * configured and no token delay, plus `env`; resolves once /healthz answers.
 */
export async function startAppServer(env: Record<string, string> = {}, dataDir?: string): Promise<AppServer> {
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
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`The app exited during start (${child.exitCode}):\n${output}`);
		try {
			const response = await fetch(`${url}/healthz`);
			if (response.ok) return { url, fetch: appFetch(url), logs: () => output, stop, process: child };
		} catch {
			// Not listening yet.
		}
		await new Promise((resolveWait) => setTimeout(resolveWait, 150));
	}
	await stop();
	throw new Error(`The app did not become healthy within 60 s:\n${output}`);
}

/** A fetch for one app: relative paths, and the app's own Origin on every request, as its page sends. */
function appFetch(url: string): AppServer['fetch'] {
	return (path, init = {}) => {
		const headers = new Headers(init.headers);
		if (!headers.has('origin')) headers.set('origin', url);
		return fetch(`${url}${path}`, { ...init, headers });
	};
}
