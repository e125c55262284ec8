import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
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
