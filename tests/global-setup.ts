/** Builds the app once before the suite when the build is missing or older than the sources. */
import { buildIfStale } from '../scripts/build-if-stale.js';

export default function setup(): void {
	buildIfStale();
}
