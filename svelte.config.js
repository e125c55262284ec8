import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * sha256 of the only two `style` attributes that reach the page as markup (the rest are set
 * through the CSSOM, which CSP allows): SvelteKit's route announcer (`position: absolute; left: 0; …`)
 * and Svelte's `<svelte-css-wrapper style="display: contents">` around components given `--css` props.
 */
const MARKUP_STYLE_HASHES = ['sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo=', 'sha256-tcbDxjMo+xKqM21aCGYbs/QAJqB7yUXC06oPWDapBgc='];

/** @type {import('@sveltejs/kit').Config} */
export default {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// The chat endpoint is same-origin only; SvelteKit's CSRF check stays on (it covers form
		// posts; src/lib/server/web-surface.ts checks the Origin of every other write).
		csrf: { trustedOrigins: [] },
		// Model output and people's fields are untrusted text: nothing may load or run from elsewhere.
		// SvelteKit adds a nonce (or a hash, when prerendered) to its own bootstrap script.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self'],
				// No 'unsafe-inline': chart positions and avatar colours are set through the CSSOM.
				'style-src-attr': ['unsafe-hashes', ...MARKUP_STYLE_HASHES],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'frame-ancestors': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'object-src': ['none']
			}
		}
	}
};
