/** The suites `npm run bench` runs, in order. Add a suite here (one line) to run it. */
import type { BenchSuite } from '../lib/suite';
import { browserRenderSuite } from './browser-render';
import { chartScaleSuite } from './chart-scale';
import { concurrencySuite } from './concurrency';
import { importSuite } from './import';
import { orgScaleSuite } from './org-scale';
import { startupSuite } from './startup';
import { streamingSuite } from './streaming';
import { tokenCostSuite } from './token-cost';

export const suites: BenchSuite[] = [
	streamingSuite,
	concurrencySuite,
	browserRenderSuite,
	tokenCostSuite,
	orgScaleSuite,
	chartScaleSuite,
	importSuite,
	startupSuite
];
