// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Principal } from '$lib/server/access';

declare global {
	namespace App {
		interface Error {
			code?: string;
		}
		interface Locals {
			/** Who is asking (session or API token), set by the auth handle; null when nobody is signed in. */
			principal: Principal | null;
		}
	}
}

export {};
