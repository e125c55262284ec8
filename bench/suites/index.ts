/** The suites `npm run bench` runs, in order. Add a suite here (one line) to run it. */
import type { BenchSuite } from '../lib/suite';
import { streamingSuite } from './streaming';
import { tokenCostSuite } from './token-cost';

export const suites: BenchSuite[] = [tokenCostSuite, streamingSuite];
