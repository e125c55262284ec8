/** Debian's Chromium driven by playwright-core; CI installs it, elsewhere browser tests say why they skip. */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumAvailable = existsSync(chromiumPath);

if (!chromiumAvailable && process.env.CI) {
	throw new Error(`CI needs Chromium at ${chromiumPath} for the end-to-end tests (.ci/run installs Debian's chromium).`);
}

/** Launches headless Chromium with the flags this closed network needs. */
export function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: chromiumPath,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-quic',
			'--no-first-run',
			'--disable-sync'
		]
	});
}
