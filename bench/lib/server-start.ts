/**
 * Starting a server process and timing it: from spawn to the first healthy answer, to the first
 * full page (the HTML and every JS/CSS asset it names), and its resident memory once idle.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpuTimeMs, peakResidentBytes, residentBytes } from './process-stats';

export type StartCommand = { args: string[]; cwd: string; env: Record<string, string>; port: number };

export type StartSample = {
	/** ms from spawn to the first 200 of `healthPath`. */
	healthyMs: number;
	/** CPU ms the process used until then. */
	healthyCpuMs: number;
	/** ms from spawn until the page and all its assets were read (when a page was fetched). */
	pageMs?: number;
	/** Resident bytes once idle after start, before any page (only when asked for). */
	idleAfterStartBytes?: number;
	/** Resident bytes once idle after the first page. */
	idleAfterPageBytes?: number;
	/** Bytes of the page and its assets. */
	pageBytes?: number;
};

export type StartOptions = {
	healthPath: string;
	/** Fetch `/` and its assets right after the process is healthy. */
	page: boolean;
	/** Wait until idle after start and read RSS before the page (delays the page: not a timed run). */
	idleBeforePage?: boolean;
	timeoutMs?: number;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the command, measures, and stops it by its pid (SIGTERM, then SIGKILL after 10 s). */
export async function measureStart(command: StartCommand, options: StartOptions): Promise<StartSample> {
	const started = performance.now();
	const child = spawn(process.execPath, command.args, { cwd: command.cwd, env: command.env, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	child.stdout!.on('data', (chunk) => (output += chunk));
	child.stderr!.on('data', (chunk) => (output += chunk));
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const base = `http://127.0.0.1:${command.port}`;
	try {
		await waitHealthy(child, `${base}${options.healthPath}`, options.timeoutMs ?? 60_000, () => output);
		const sample: StartSample = { healthyMs: performance.now() - started, healthyCpuMs: cpuTimeMs(child.pid!) };
		if (options.idleBeforePage) sample.idleAfterStartBytes = await idleResident(child.pid!);
		if (options.page) {
			sample.pageBytes = await fetchPage(base);
			if (!options.idleBeforePage) sample.pageMs = performance.now() - started;
			sample.idleAfterPageBytes = await idleResident(child.pid!);
		}
		return sample;
	} finally {
		await stop(child, exited);
	}
}

async function waitHealthy(child: ChildProcess, url: string, timeoutMs: number, output: () => string): Promise<void> {
	const deadline = performance.now() + timeoutMs;
	while (performance.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`The server exited during start (${child.exitCode}):\n${output()}`);
		const ok = await fetch(url).then(
			async (response) => (await response.arrayBuffer(), response.ok),
			() => false
		);
		if (ok) return;
		await sleep(5);
	}
	throw new Error(`The server did not answer ${url} within ${timeoutMs} ms:\n${output()}`);
}

/** GET / and every script, module preload and stylesheet it names, as a browser's first load would; returns the bytes read. */
async function fetchPage(base: string): Promise<number> {
	const response = await fetch(`${base}/`);
	const html = await response.text();
	if (!response.ok) throw new Error(`GET / answered ${response.status}`);
	const assets = new Set<string>();
	for (const match of html.matchAll(/<link[^>]+href="([^"]+)"/g)) if (/\.(js|css)$/.test(match[1])) assets.add(match[1]);
	for (const match of html.matchAll(/(?:import\(|src=)"([^"]+\.js)"/g)) assets.add(match[1]);
	if (assets.size === 0) throw new Error('GET / named no JS or CSS assets');
	const sizes = await Promise.all(
		[...assets].map(async (asset) => {
			const assetResponse = await fetch(new URL(asset, `${base}/`));
			const body = await assetResponse.arrayBuffer();
			if (!assetResponse.ok) throw new Error(`GET ${asset} answered ${assetResponse.status}`);
			return body.byteLength;
		})
	);
	return Buffer.byteLength(html) + sizes.reduce((sum, size) => sum + size, 0);
}

/** RSS once the process has used under 3% of a core for 300 ms (at most 5 s of waiting). */
async function idleResident(pid: number): Promise<number> {
	const deadline = performance.now() + 5_000;
	let before = cpuTimeMs(pid);
	while (performance.now() < deadline) {
		await sleep(300);
		const now = cpuTimeMs(pid);
		if (now - before < 10) break;
		before = now;
	}
	return residentBytes(pid);
}

async function stop(child: ChildProcess, exited: Promise<void>): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
	await exited;
	clearTimeout(timer);
}

export type RunSample = { ms: number; cpuMs: number; peakBytes: number };

/** Runs a Node script to its end (it must exit 0), with its CPU time and peak RSS read from /proc just before it exits. */
export async function measureRun(args: string[], cwd: string, timeoutMs = 120_000): Promise<RunSample> {
	const started = performance.now();
	const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
	let errors = '';
	child.stderr!.on('data', (chunk) => (errors += chunk));
	const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
	let last = { cpuMs: 0, peakBytes: 0 };
	let done = false;
	const sampling = (async () => {
		while (!done) {
			try {
				const reading = { cpuMs: cpuTimeMs(child.pid!), peakBytes: peakResidentBytes(child.pid!) };
				// An exited process not yet reaped reports no memory: keep the last full reading.
				if (Number.isFinite(reading.peakBytes)) last = reading;
			} catch {
				// The process is gone: keep the last reading.
			}
			await sleep(20);
		}
	})();
	const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
	const code = await exited;
	const ms = performance.now() - started;
	clearTimeout(timer);
	done = true;
	await sampling;
	if (code !== 0) throw new Error(`${args.join(' ')} exited with ${code}:\n${errors}`);
	return { ms, ...last };
}
