#!/usr/bin/env node
// Starts OrganiChart: builds first when there is no build or the sources are newer, then runs the
// server. The server applies migrations and seeds the demo organization itself, then prints its URL.
import { createServer } from 'node:net';
import { buildIfStale, root, serverEntry } from './build-if-stale.js';

process.env.HOST ||= '127.0.0.1';
process.env.PORT ||= '3000';
// Bodies are limited by the app itself, with a JSON 413: 1 MB for JSON, 32 MB for a CSV import.
// adapter-node's own limit (512 KB by default) is raised to the larger, so it never cuts a body short first.
process.env.BODY_SIZE_LIMIT ||= '32M';
const { HOST, PORT } = process.env;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);
if (!LOOPBACK.has(HOST.toLowerCase()) && !process.env.ORIGIN && !process.env.ALLOWED_HOSTS) {
	console.warn(
		`OrganiChart listens on ${HOST}, but only answers requests addressed to localhost/127.0.0.1 until you say\n` +
			'which names it is reached by (other Host names get 421, which blocks DNS-rebinding attacks). Set one of:\n' +
			'  ORIGIN=https://chart.example.com          the public URL, as users type it\n' +
			'  ALLOWED_HOSTS=chart.example.com,10.0.0.5  the host names (optionally :port) it may be reached by'
	);
}

/** Resolves whether HOST:PORT can be listened on, so a busy port gets a clear message, not a stack trace. */
function portIsFree() {
	return new Promise((resolve) => {
		const probe = createServer();
		probe.once('error', () => resolve(false));
		probe.listen(Number(PORT), HOST, () => probe.close(() => resolve(true)));
	});
}

try {
	buildIfStale();
} catch (error) {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
}
if (!(await portIsFree())) {
	console.error(`Cannot listen on ${HOST}:${PORT}: the port is in use or not allowed. Stop the other program, or choose another port: PORT=3001 npm start`);
	process.exit(1);
}
process.chdir(root);
await import(serverEntry);
