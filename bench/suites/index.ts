/** The suites `npm run bench` runs, in order. Add a suite here (one line) to run it. */
import type { BenchSuite } from '../lib/suite';
import { browserRenderSuite } from './browser-render';
import { tokenCostSuite } from './token-cost';

export const suites: BenchSuite[] = [tokenCostSuite, browserRenderSuite];
