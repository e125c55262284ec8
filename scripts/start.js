#!/usr/bin/env node
// Starts OrganiChart: builds first when there is no build or the sources are newer, then runs the
// server. The server applies migrations and seeds the demo organization itself, then prints its URL.
import { createServer } from 'node:net';
import { buildIfStale, root, serverEntry } from './build-if-stale.js';

process.env.HOST ||= '127.0.0.1';
process.env.PORT ||= '3000';
const { HOST, PORT } = process.env;

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
