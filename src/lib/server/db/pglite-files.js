/**
 * The embedded database's files. Creating a PGlite database (initdb, then the migrations) costs
 * seconds of CPU and grows PGlite's WebAssembly memory to ~800 MB, which a process never gives
 * back. So it happens once, in a short-lived process (scripts/create-database-template.js), into
 * a template keyed by the PGlite version and the migrations; a start from an empty DATA_DIR copies
 * that template and opens the copy at its steady size.
 *
 * Plain JavaScript: that script shares it with the server, and runs without a build.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { rename, rm, rmdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

/**
 * PostgreSQL's buffer cache inside PGlite. PGlite touches all of it at start, so it is resident
 * memory from the first second: 16 MB instead of the default 128 MB (saves ~110 MB). Pages outside
 * it are read from the files, which the OS keeps cached: lookups by index do not notice; a full
 * scan of a table larger than the cache (a 100,000-person org) took ~1.5× as long when measured.
 */
const SHARED_BUFFERS = '16MB';

/**
 * PGlite's settings, the same for the server and for the template, so a migration that needs an
 * extension finds it in both.
 * @returns {import('@electric-sql/pglite').PGliteOptions}
 */
export function pgliteOptions() {
	return {
		startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${SHARED_BUFFERS}`],
		// Trigram indexes for names and search, edit distances for name suggestions (the migrations create them).
		extensions: { pg_trgm, fuzzystrmatch }
	};
}

const CACHE_DIR = join('node_modules', '.cache', 'organichart');

/**
 * Where the template for this PGlite version and these migrations lives (it may not exist yet).
 * @param {string} root the app's directory (holding drizzle/ and node_modules/)
 */
export function templatePath(root) {
	const hash = createHash('sha256');
	hash.update(JSON.parse(readFileSync(join(root, 'node_modules', '@electric-sql', 'pglite', 'package.json'), 'utf8')).version);
	const migrations = join(root, 'drizzle');
	for (const file of readdirSync(migrations, { recursive: true, encoding: 'utf8' }).sort()) {
		if (file.endsWith('.sql') || file.endsWith('.json')) hash.update(file).update(readFileSync(join(migrations, file)));
	}
	return join(root, CACHE_DIR, `pglite-${hash.digest('hex').slice(0, 16)}`);
}

/**
 * Creates a new, migrated database in `target` (in this process: run it in a short-lived one).
 * Built beside `target` and renamed into place, so `target` is complete or absent, also when two
 * processes race to create it.
 * @param {string} target
 * @param {string} root
 */
export async function createDatabase(target, root) {
	const [{ drizzle }, { migrate }] = await Promise.all([import('drizzle-orm/pglite'), import('drizzle-orm/pglite/migrator')]);
	const building = `${target}.building-${process.pid}`;
	rmSync(building, { recursive: true, force: true });
	mkdirSync(dirname(target), { recursive: true });
	const client = await PGlite.create(building, pgliteOptions());
	try {
		await migrate(drizzle(client), { migrationsFolder: join(root, 'drizzle') });
	} finally {
		await client.close();
	}
	try {
		await rename(building, target);
	} catch (error) {
		await rm(building, { recursive: true, force: true });
		if (!existsSync(join(target, 'PG_VERSION'))) throw error;
	}
}

/** Removes templates of other PGlite versions or migrations. @param {string} keep */
export function removeOtherTemplates(keep) {
	const dir = dirname(keep);
	for (const name of readdirSync(dir)) {
		if (/^pglite-[0-9a-f]{16}$/.test(name) && join(dir, name) !== keep) rmSync(join(dir, name), { recursive: true, force: true });
	}
}

/**
 * Runs scripts/create-database-template.js, which creates a migrated database in `target`.
 * @param {string} root
 * @param {string} target
 * @returns {Promise<void>}
 */
export function createDatabaseInChild(root, target) {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [join(root, 'scripts', 'create-database-template.js'), target], {
			cwd: root,
			stdio: ['ignore', 'ignore', 'pipe']
		});
		let errors = '';
		child.stderr.on('data', (chunk) => (errors += chunk));
		child.once('error', reject);
		child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(errors.trim() || `exit code ${code}`))));
	});
}

/**
 * Copies a directory tree with one system call per file: a database is ~1,000 mostly small files,
 * which `fs.cp`'s per-file promises take several times as much CPU to copy.
 * @param {string} from
 * @param {string} to
 */
function copyTree(from, to) {
	mkdirSync(to);
	for (const entry of readdirSync(from, { withFileTypes: true })) {
		if (entry.isDirectory()) copyTree(join(from, entry.name), join(to, entry.name));
		else copyFileSync(join(from, entry.name), join(to, entry.name));
	}
}

/**
 * Makes sure the PGlite directory `pgdata` holds a database before PGlite opens it: an existing
 * one is left alone; an empty or missing one gets a copy of the template (created first when
 * there is none), or, when the template cannot be written (a read-only install), a database
 * created in place by the same short-lived process.
 * @param {string} pgdata
 * @param {string} root
 */
export async function prepareDatabaseFiles(pgdata, root) {
	if (existsSync(pgdata) && readdirSync(pgdata).length > 0) return;
	const template = templatePath(root);
	if (!existsSync(template)) {
		try {
			await createDatabaseInChild(root, template);
		} catch {
			await createDatabaseInChild(root, pgdata);
			return;
		}
	}
	const copying = `${pgdata}.copying-${process.pid}`;
	rmSync(copying, { recursive: true, force: true });
	try {
		copyTree(template, copying);
		if (existsSync(pgdata)) await rmdir(pgdata);
		await rename(copying, pgdata);
	} finally {
		await rm(copying, { recursive: true, force: true });
	}
}
