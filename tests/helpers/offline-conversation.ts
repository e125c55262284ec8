/**
 * Drives the offline assistant like the agent loop does, with the real tools on a real (in-process)
 * database: each message streams turns from the model, its tool calls run through the registry,
 * their results go back as tool messages, until it answers. Used by the phrasing table.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../../src/lib/server/db';
import { organizations, people } from '../../src/lib/server/db/schema';
import { personKeys } from '../../src/lib/server/db/people-keys';
import { createTurnAssembler, toAssistantMessage } from '../../src/lib/server/llm/assemble';
import { createOfflineModel } from '../../src/lib/server/llm/offline';
import type { ChatCompletionMessageParam } from '../../src/lib/server/llm/types';
import { toolResultText } from '../../src/lib/server/agent/tool-result-text';
import { demoPeople } from '../../src/lib/server/org/demo-people';
import { executeTool, toolsForModel } from '../../src/lib/server/tools';
import type { ToolContext } from '../../src/lib/server/tools/types';

/** One tool call as the model made it, with its arguments parsed. */
export type MadeCall = { name: string; args: Record<string, unknown> };
export type Exchange = { calls: MadeCall[]; answer: string; steps: number };

/** Someone added to the demo organization for one test. */
export type ExtraPerson = { name: string; title: string; manager: string; department?: string; location?: string; email?: string; key?: string };

/** A fresh copy of the demo organization (plus `extra` people), with the assistant as the actor of one conversation. */
export async function createDemoOrg(db: Database, extra: ExtraPerson[] = []): Promise<{ ctx: ToolContext; ids: Map<string, string> }> {
	const slug = `phrasing-${randomUUID().slice(0, 8)}`;
	const [org] = await db.insert(organizations).values({ slug, name: 'Acme Corporation' }).returning();
	const rows = [
		...demoPeople.map(([name, title, department, location, startDate, manager]) => ({ name, title, department, location, startDate, manager, email: null as string | null, key: undefined as string | undefined })),
		...extra.map((person) => ({ startDate: null, department: null, location: null, email: null, key: undefined as string | undefined, ...person }))
	];
	const ids = new Map<string, string>();
	const values = rows.map((row, index) => {
		// A namesake is referred to by its own key ("Jane Smith (Design)").
		const key = row.key ?? (ids.has(row.name) ? `${row.name}#${index}` : row.name);
		const id = randomUUID();
		ids.set(key, id);
		return { id, row };
	});
	await db.insert(people).values(
		values.map(({ id, row }) => {
			const fields = { name: row.name, title: row.title, department: row.department, location: row.location, email: row.email ?? demoEmail(row.name) };
			// Written as the app writes people: with the folded keys that name matching and search read.
			return { id, organizationId: org.id, ...fields, ...personKeys(fields), startDate: row.startDate, managerId: row.manager ? (ids.get(row.manager) ?? null) : null };
		})
	);
	const ctx: ToolContext = { db, orgId: org.id, actor: { kind: 'assistant', role: 'owner', conversationId: randomUUID(), runId: randomUUID() } };
	return { ctx, ids };
}

/** As the demo seed writes them: "Anne-Marie Dubois" → anne-marie.dubois@acme.example. */
function demoEmail(name: string): string {
	const words = name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/'/g, '').split(' ');
	return `${words[0]}.${words.slice(1).join('')}@acme.example`;
}

const SYSTEM: ChatCompletionMessageParam = { role: 'system', content: 'You are OrganiChart Assistant.\nToday is 2025-02-14.' };

/** A conversation with the offline assistant: `say` sends a message and returns the calls it made and its answer. */
export function offlineConversation(ctx: ToolContext, maxSteps = 8) {
	const model = createOfflineModel({ tokenDelayMs: 0 });
	const tools = toolsForModel();
	const messages: ChatCompletionMessageParam[] = [SYSTEM];
	return {
		messages,
		async say(text: string): Promise<Exchange> {
			messages.push({ role: 'user', content: text });
			const calls: MadeCall[] = [];
			for (let step = 1; step <= maxSteps; step++) {
				const assembler = createTurnAssembler();
				for await (const chunk of model.streamChat({ messages, tools, signal: new AbortController().signal })) assembler.push(chunk);
				const turn = assembler.finish();
				if (turn.toolCalls.length === 0) {
					messages.push({ role: 'assistant', content: turn.text });
					return { calls, answer: turn.text, steps: step };
				}
				messages.push(toAssistantMessage(turn));
				for (const call of turn.toolCalls) {
					calls.push({ name: call.name, args: JSON.parse(call.arguments) as Record<string, unknown> });
					const outcome = await executeTool(ctx, call.name, call.arguments);
					messages.push({ role: 'tool', tool_call_id: call.id, content: toolResultText(outcome.ok ? outcome.result : { error: outcome.error }) });
				}
			}
			throw new Error(`No answer after ${maxSteps} steps to "${text}".`);
		}
	};
}
