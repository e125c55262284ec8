// Builds the app with Vite when there is no build, or when a source is newer than the build.
// Shared by `npm start` and the test suite's global setup.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '..');
export const serverEntry = join(root, 'build', 'index.js');
const sources = ['src', 'static', 'drizzle', 'package-lock.json', 'svelte.config.js', 'vite.config.ts'];

/** @param {string} path @returns {number} the newest modification time under path */
function newestChange(path) {
	if (!existsSync(path)) return 0;
	const info = statSync(path);
	if (!info.isDirectory()) return info.mtimeMs;
	let newest = info.mtimeMs;
	for (const entry of readdirSync(path)) newest = Math.max(newest, newestChange(join(path, entry)));
	return newest;
}

/** Builds if needed; throws when the build fails. @returns {boolean} whether it built */
export function buildIfStale() {
	const builtAt = existsSync(serverEntry) ? statSync(serverEntry).mtimeMs : 0;
	const changedAt = Math.max(...sources.map((source) => newestChange(join(root, source))));
	if (builtAt >= changedAt) return false;
	console.log(builtAt ? 'Sources changed since the last build; rebuilding OrganiChart…' : 'No build yet; building OrganiChart…');
	// SvelteKit writes the tsconfig the build extends; without it a fresh clone's build warns that it is missing.
	spawnSync(process.execPath, [join(root, 'node_modules', '@sveltejs', 'kit', 'svelte-kit.js'), 'sync'], { cwd: root, stdio: 'ignore' });
	const build = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], {
		cwd: root,
		stdio: 'inherit'
	});
	if (build.status !== 0) throw new Error('The build failed; see the errors above.');
	// The database template a start from an empty DATA_DIR copies; made now, the first start need not.
	// Quietly: should it fail, the server makes it again at start and reports what went wrong.
	spawnSync(process.execPath, [join(root, 'scripts', 'create-database-template.js'), '--if-missing'], { cwd: root, stdio: 'ignore' });
	return true;
}
