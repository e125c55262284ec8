#!/usr/bin/env node
// Creates a new, migrated embedded database (PGlite) in the given directory, by default the
// template that starts from an empty DATA_DIR copy (`--if-missing`: only when there is none yet).
// Run as its own short-lived process (by the build and by the server), so the memory PGlite's
// initdb grows to is given back when it exits.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createDatabase, removeOtherTemplates, templatePath } from '../src/lib/server/db/pglite-files.js';

const root = resolve(import.meta.dirname, '..');
const template = templatePath(root);
const args = process.argv.slice(2);
const directory = args.find((arg) => !arg.startsWith('--'));
const target = directory ? resolve(directory) : template;
if (args.includes('--if-missing') && existsSync(target)) process.exit(0);
try {
	await createDatabase(target, root);
	if (target === template) removeOtherTemplates(template);
} catch (error) {
	console.error(error instanceof Error ? error.message : String(error));
	process.exit(1);
}
