import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
export default {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// The chat endpoint is same-origin only; SvelteKit's CSRF check stays on.
		csrf: { trustedOrigins: [] }
	}
};
