#!/usr/bin/env node
// Starts OrganiChart: builds first when there is no build or the sources are newer, then runs the
// server. The server applies migrations and seeds the demo organization itself, then prints its URL.
import { buildIfStale, root, serverEntry } from './build-if-stale.js';

try {
	buildIfStale();
} catch (error) {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
}
process.env.HOST ||= '127.0.0.1';
process.env.PORT ||= '3000';
process.chdir(root);
await import(serverEntry);
