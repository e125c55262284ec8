import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	// better-auth ships a Svelte entry, so Vite would bundle it (and kysely's import cycles) into the
	// server; loaded from node_modules at run time instead, like every other server dependency.
	ssr: { external: ['better-auth'] },
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
