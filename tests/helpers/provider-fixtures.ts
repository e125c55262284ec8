/**
 * Real provider stream recordings from the shared folder beside the repo
 * (`../shared/fixtures/provider-streams`). They are read in place, never copied into the project;
 * tests that need them skip when the folder is absent (a checkout without `../shared`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createParser } from 'eventsource-parser';

export const providerFixturesDir = resolve(process.cwd(), '../shared/fixtures/provider-streams');

export const fixturesAvailable = existsSync(join(providerFixturesDir, 'README.md'));

/** Why fixture tests are skipped, for the test title. */
export const fixturesSkipReason = `provider stream recordings not found at ${providerFixturesDir} (a checkout without ../shared)`;

/** The recording files (`*.sse` and `*.chunks.txt`). */
export function fixtureFiles(): string[] {
	if (!fixturesAvailable) return [];
	return readdirSync(providerFixturesDir)
		.filter((file) => file.endsWith('.sse') || file.endsWith('.chunks.txt'))
		.sort();
}

/** Parses an SSE body into its `data:` payloads, `[DONE]` excluded; a last event without its blank line still counts. */
export function parseSseBody(body: string): string[] {
	const payloads: string[] = [];
	const parser = createParser({ onEvent: (event) => payloads.push(event.data) });
	parser.feed(body);
	parser.reset({ consume: true });
	return payloads.filter((data) => data.trim() !== '[DONE]');
}

/** The chunks of one recording, as the JSON objects the provider sent, in order. */
export function loadFixtureChunks(file: string): Record<string, unknown>[] {
	const text = readFileSync(join(providerFixturesDir, file), 'utf8');
	const payloads = file.endsWith('.sse')
		? parseSseBody(text)
		: text.split('\n').filter((line) => line.trim() !== '');
	return payloads.map((payload) => JSON.parse(payload) as Record<string, unknown>);
}

/** The recording as a provider would send it over HTTP: `*.chunks.txt` lines wrapped as `data:` events. */
export function loadFixtureBody(file: string): string {
	const text = readFileSync(join(providerFixturesDir, file), 'utf8');
	if (file.endsWith('.sse')) return text;
	const lines = text.split('\n').filter((line) => line.trim() !== '');
	return `${lines.map((line) => `data: ${line}\n\n`).join('')}data: [DONE]\n\n`;
}
