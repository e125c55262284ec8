import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * Drops build notes that are about dependencies' own code (an unused import in @xyflow/svelte,
 * comment placement in zod): theirs to fix and harmless, and a newcomer's first `npm start`
 * should not print them. Notes about our code still show.
 */
function quietDependencyNotes(): Plugin {
	const dependencyCodes = new Set(['UNUSED_EXTERNAL_IMPORT', 'INVALID_ANNOTATION', 'CIRCULAR_DEPENDENCY']);
	return {
		name: 'organichart:quiet-dependency-notes',
		onLog(_level, log) {
			const where = [log.id, log.exporter, ...(log.ids ?? [])].filter(Boolean).join(' ');
			if (log.code && dependencyCodes.has(log.code) && where.includes('node_modules')) return false;
		}
	};
}

export default defineConfig({
	plugins: [sveltekit(), quietDependencyNotes()],
	// better-auth (bundled because it ships a Svelte entry) and kysely, which it loads, are ~500
	// small files: bundled into the server, a start reads a few chunks instead of resolving and
	// compiling each file (~0.6 s of CPU). Bundled here, not by adapter-node, so kysely's harmless
	// import cycles are notes that quietDependencyNotes drops rather than warnings on every build.
	ssr: { noExternal: [/^@better-auth\//, 'kysely', 'drizzle-orm'] },
	test: {
		include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
		globalSetup: ['tests/global-setup.ts'],
		reporters: ['default', './tests/summary-reporter.ts'],
		// Database, server and browser tests share two cores: keep files sequential enough to stay stable.
		fileParallelism: true,
		maxWorkers: 2,
		testTimeout: 30_000,
		hookTimeout: 120_000
	}
});
