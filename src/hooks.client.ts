import { z } from 'zod';

// zod probes for `new Function` support to compile fast parsers; the page's Content-Security-Policy
// forbids eval, so skip the probe (and its CSP violation report) and parse without compiling.
z.config({ jitless: true });
