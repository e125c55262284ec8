/** A private `redis-server` per fault test: on a free port, no persistence, stopped by its PID. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort } from './app-server';

export type RedisServer = {
	port: number;
	url: string;
	/** Kills the server (SIGKILL) and starts a fresh one on the same port: every key is gone. */
	restart(): Promise<void>;
	/** A plain client for the test itself (CLIENT KILL, inspecting keys). */
	admin: Redis;
	stop(): Promise<void>;
};

/** Whether `redis-server` is on PATH. */
export function hasRedisServer(): boolean {
	return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

async function launch(port: number): Promise<ChildProcess> {
	const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
		stdio: 'ignore'
	});
	const deadline = Date.now() + 10_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
		const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
		probe.on('error', () => {});
		try {
			await probe.connect();
			await probe.ping();
			probe.disconnect();
			return child;
		} catch {
			probe.disconnect();
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
	}
	child.kill('SIGKILL');
	throw new Error('redis-server did not start within 10 s');
}

async function kill(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill('SIGKILL');
	await exited;
}

/** Starts redis-server on a free port. */
export async function startRedisServer(): Promise<RedisServer> {
	const port = await freePort();
	let child = await launch(port);
	const admin = new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 1 });
	admin.on('error', () => {});
	return {
		port,
		url: `redis://127.0.0.1:${port}`,
		admin,
		async restart() {
			await kill(child);
			child = await launch(port);
		},
		async stop() {
			admin.disconnect();
			await kill(child);
		}
	};
}
