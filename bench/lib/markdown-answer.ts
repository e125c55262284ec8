/**
 * A long markdown answer as a model streams it, token by token: headings, paragraphs with inline
 * markup, bullet and numbered lists, fenced code blocks and tables, in a fixed pseudo-random order
 * (the same tokens every run). Sentences carry markers "(ref:00042)" so a test can tell how far the
 * text on screen has got; the last token is always a marker.
 */

const WORDS = (
	'team platform manager reports budget hiring roadmap quarter review design service latency release ' +
	'customer onboarding migration database schema backlog planning mentor engineer analyst growth ' +
	'pipeline incident rotation handbook offsite headcount director product support security audit'
).split(' ');
const NAMES = ['Jane Smith', 'Omar Haddad', 'Li Wei', 'Ana Costa', 'Ravi Patel', 'Eva Novak', 'Sam Okafor', 'Mia Jensen'];
const ROLES = ['Engineer', 'Designer', 'Manager', 'Analyst', 'Director', 'Recruiter'];

/** A small deterministic generator (mulberry32), so every run streams the same answer. */
function randomSource(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let value = state;
		value = Math.imul(value ^ (value >>> 15), value | 1);
		value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
		return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * The marker a sentence ends with: fixed width, so one marker is never a prefix of another, and
 * without spaces, so it is one token and shows whole in every event of the stream.
 */
export const marker = (index: number) => `(ref:${String(index).padStart(5, '0')})`;
const MARKER = /\(ref:\d{5}\)/g;

function sectionText(section: number, random: () => number, nextMarker: () => string): string {
	const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
	const words = (count: number) => Array.from({ length: count }, () => pick(WORDS)).join(' ');
	const sentence = () => `${pick(NAMES)} leads the **${pick(WORDS)}** work on \`${pick(WORDS)}-${section}\` and ${words(8 + Math.floor(random() * 10))} ${nextMarker()}.`;
	const paragraph = () => Array.from({ length: 3 + Math.floor(random() * 3) }, sentence).join(' ');
	const parts = [`## ${section}. The ${pick(WORDS)} ${pick(WORDS)}`, paragraph(), paragraph()];
	parts.push(Array.from({ length: 4 }, () => `- ${sentence()}`).join('\n'));
	if (section % 2 === 0) parts.push(Array.from({ length: 3 }, (_, index) => `${index + 1}. ${sentence()}\n   - ${words(6)} ${nextMarker()}`).join('\n'));
	if (section % 3 === 0) {
		const body = Array.from({ length: 6 }, (_, line) => `  const ${pick(WORDS)}${line} = await load('${pick(WORDS)}', ${line * section}); // ${nextMarker()}`);
		parts.push(['```ts', `export async function ${pick(WORDS)}Report${section}() {`, ...body, '  return { ok: true };', '}', '```'].join('\n'));
	}
	if (section % 4 === 1) {
		const rows = Array.from({ length: 5 }, () => `| ${pick(NAMES)} | ${pick(ROLES)} | ${pick(WORDS)} | ${2015 + Math.floor(random() * 10)} ${nextMarker()} |`);
		parts.push(['| Name | Role | Team | Since |', '|---|---|---|---|', ...rows].join('\n'));
	}
	parts.push(paragraph());
	return parts.join('\n\n');
}

/** Splits text the way the OpenAI test chunks do: each token is a word with the whitespace before it. */
const tokenize = (text: string) => text.match(/\s*\S+|\s+/g) ?? [];

/** Exactly `count` tokens (at least 2) of markdown; the last is a marker. */
export function markdownAnswerTokens(count: number, seed = 7): string[] {
	const random = randomSource(seed);
	let markers = 0;
	const nextMarker = () => marker(++markers);
	const tokens: string[] = [];
	for (let section = 1; tokens.length < count; section++) tokens.push(...tokenize(`${section > 1 ? '\n\n' : ''}${sectionText(section, random, nextMarker)}`));
	tokens.length = count - 1;
	tokens.push(` ${marker(99999)}`);
	return tokens;
}

/** The last marker within the first `count` tokens (what a screen showing that much text must contain). */
export function lastMarkerWithin(tokens: readonly string[], count: number): string | undefined {
	return tokens.slice(0, count).join('').match(MARKER)?.at(-1);
}
