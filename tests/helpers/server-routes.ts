/** The routes the server has, read from `src/routes`: what the authorization table and the OpenAPI test must each cover. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const routesDir = resolve(import.meta.dirname, '..', '..', 'src', 'routes');

/** Every method a `+server.ts` exports, as `METHOD /route` with SvelteKit's `[param]` segments, sorted. */
export function serverRoutes(): string[] {
	const found: string[] = [];
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir)) {
			const path = join(dir, entry);
			if (statSync(path).isDirectory()) walk(path);
			else if (entry === '+server.ts') {
				const route = `/${relative(routesDir, dir).split('\\').join('/')}`;
				for (const match of readFileSync(path, 'utf8').matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)) found.push(`${match[1]} ${route}`);
			}
		}
	};
	walk(routesDir);
	return found.sort();
}
