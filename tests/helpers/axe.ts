/**
 * axe-core (WCAG 2.1 AA) in a real page: its source is evaluated in the page (through the
 * DevTools protocol, so the page's Content-Security-Policy does not block it) and run on the
 * whole document. Any state can be checked: at rest, after an answer, a panel open, a dialog.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export type AxeFinding = { id: string; impact: string | null; help: string; targets: string[] };

/** The WCAG 2.1 A and AA rule sets; the tests allow no violation of these that is serious or critical. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING = ['serious', 'critical'];

/** Every serious or critical WCAG 2.1 AA violation on the page as it is now (`include`: only inside this selector). */
export async function seriousAxeViolations(page: Page, include?: string): Promise<AxeFinding[]> {
	if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
	const violations = await page.evaluate(
		async ({ tags, include }) => {
			const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: unknown[] }> } }).axe;
			const result = await axe.run(include ? { include: [include] } : document, {
				runOnly: { type: 'tag', values: tags },
				// Experimental in axe, but WCAG 2.5.3 (A): a control's accessible name contains its visible label.
				rules: { 'label-content-name-mismatch': { enabled: true } },
				resultTypes: ['violations']
			});
			return result.violations as { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
		},
		{ tags: TAGS, include }
	);
	return violations
		.filter((violation) => BLOCKING.includes(violation.impact ?? ''))
		.map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, targets: violation.nodes.map((node) => node.target.join(' ')) }));
}

/** A readable list of findings, for an assertion's message. */
export function describeAxe(findings: AxeFinding[]): string {
	return findings.map((finding) => `${finding.impact} ${finding.id}: ${finding.help}\n  ${finding.targets.slice(0, 8).join('\n  ')}`).join('\n');
}
