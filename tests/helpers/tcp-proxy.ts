/**
 * A TCP proxy between the app and a store (Redis, PostgreSQL) for fault tests: it can cut every
 * connection, pause (stop forwarding, connections stay open and new ones hang), resume, and add latency.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export type TcpProxy = {
	/** host:port to give the app instead of the target's. */
	host: string;
	port: number;
	/** Destroys every open connection (both sides); new ones are still accepted. */
	cut(): void;
	/** Stops forwarding in both directions; data waits, and new connections wait too, until resume(). */
	pause(): void;
	resume(): void;
	/** Delays every forwarded piece by `ms` (0 to stop). */
	setLatency(ms: number): void;
	close(): Promise<void>;
};

type Pair = { client: Socket; upstream: Socket };

/** Starts a proxy on 127.0.0.1 at a free port forwarding to `target`. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
	const pairs = new Set<Pair>();
	let paused = false;
	let latencyMs = 0;
	const waitingForResume: (() => void)[] = [];

	/** Forwards `from` to `to`, holding data while paused and delaying it by the latency, in order. */
	function pipe(from: Socket, to: Socket) {
		let chain = Promise.resolve();
		from.on('data', (data: Buffer) => {
			from.pause();
			chain = chain
				.then(async () => {
					while (paused) await new Promise<void>((resolve) => waitingForResume.push(resolve));
					if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
					if (!to.destroyed) to.write(data);
				})
				.finally(() => {
					if (!from.destroyed) from.resume();
				});
		});
		from.on('end', () => void chain.then(() => to.end()));
	}

	const server: Server = createServer((client) => {
		const upstream = connect(target.port, target.host);
		const pair = { client, upstream };
		pairs.add(pair);
		const close = () => {
			pairs.delete(pair);
			client.destroy();
			upstream.destroy();
		};
		client.on('error', close);
		upstream.on('error', close);
		client.on('close', close);
		upstream.on('close', close);
		pipe(client, upstream);
		pipe(upstream, client);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const proxy: TcpProxy = {
		host: '127.0.0.1',
		port,
		cut() {
			for (const { client, upstream } of pairs) {
				client.destroy();
				upstream.destroy();
			}
			pairs.clear();
		},
		pause() {
			paused = true;
		},
		resume() {
			paused = false;
			for (const wake of waitingForResume.splice(0)) wake();
		},
		setLatency(ms) {
			latencyMs = ms;
		},
		close() {
			proxy.resume();
			proxy.cut();
			return new Promise((resolve) => server.close(() => resolve()));
		}
	};
	return proxy;
}
