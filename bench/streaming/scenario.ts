/**
 * What every server of the streaming bench is asked, and what the upstream answers: a text answer
 * of fixed-width tokens (so a client can count tokens from the text length, however a server
 * groups them), or first a call of the read tool `getReports` and then that answer.
 */
import { demoPeople } from '../../src/lib/server/org/demo-people';

/** Every token is this many characters: a space and a base-36 counter. */
export const TOKEN_CHARS = 5;

/** The text of token `index` (0-based). */
export function tokenText(index: number): string {
	return ` ${index.toString(36).padStart(TOKEN_CHARS - 1, '0')}`;
}

/** A user message starting with this makes the upstream call `getReports` before answering. */
export const TOOL_MARKER = '[tools]';

export const PLAIN_QUESTION = 'Tell me about the engineering team.';
export const TOOL_QUESTION = `${TOOL_MARKER} Who reports to Jane Smith?`;

/** The call the upstream makes in the tool variant. */
export const TOOL_CALL = { id: 'call_bench_reports', name: 'getReports', arguments: JSON.stringify({ person: 'Jane Smith', depth: 'direct' }) };

export const SYSTEM_PROMPT = 'You are OrganiChart Assistant. Current organization: Acme. Use the tools to read and change the org chart.';

/** The tool as the peers declare it to the model (OpenAI function format). */
export const GET_REPORTS_TOOL = {
	type: 'function' as const,
	function: {
		name: 'getReports',
		description: "A person's reports: direct, or all of them down the tree.",
		parameters: {
			type: 'object',
			properties: { person: { type: 'string' }, depth: { type: 'string', enum: ['direct', 'all'] } },
			required: ['person'],
			additionalProperties: false
		}
	}
};

/** The peers' getReports: the demo organization's people, in memory (OrganiChart reads its database). */
export function getReports(input: { person: string; depth?: 'direct' | 'all' }) {
	const wanted = input.person.trim().toLowerCase();
	const person = demoPeople.find(([name]) => name.toLowerCase() === wanted);
	if (!person) return { error: { code: 'not_found', message: `No one is called ${input.person}.` } };
	const reports = demoPeople
		.filter(([, , , , , manager]) => manager === person[0])
		.map(([name, title, department, location]) => ({ name, title, department, location }));
	return { person: { name: person[0], title: person[1] }, depth: input.depth ?? 'direct', count: reports.length, reports };
}
