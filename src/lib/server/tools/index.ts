/**
 * The tool registry: the nine tools of DESIGN §4 and undoChange, their JSON Schemas for the model, and the one
 * door through which every caller runs them with raw JSON arguments.
 */
import { z } from 'zod';
import type { ChatCompletionTool } from 'openai/resources/chat/completions';
import { addUser } from './addUser';
import { getChainOfCommand } from './getChainOfCommand';
import { getOrgStats } from './getOrgStats';
import { getReports } from './getReports';
import { getUserInformation } from './getUserInformation';
import { moveUser } from './moveUser';
import { removeUser } from './removeUser';
import { searchPeople } from './searchPeople';
import { undoChange } from './undoChange';
import { updateUser } from './updateUser';
import { asToolError } from './outcome';
import { allows } from '../access';
import { timeTool } from '../metrics';
import type { ToolContext, ToolDefinition, ToolError, ToolImpact, ToolOutcome } from './types';

/**
 * Hides a tool's input type behind a re-parse, so tools of different shapes share one list
 * without casts: whoever calls `execute` directly still gets validated input.
 */
function register<Schema extends z.ZodType, Result>(tool: ToolDefinition<Schema, Result>): ToolDefinition {
	const { previewImpact } = tool;
	return {
		...tool,
		execute: (ctx, input) => tool.execute(ctx, tool.input.parse(input)),
		previewImpact: previewImpact && ((ctx, input) => previewImpact(ctx, tool.input.parse(input)))
	};
}

/** Every tool, in the order the model sees them. */
export const toolDefinitions: ToolDefinition[] = [
	register(getUserInformation),
	register(searchPeople),
	register(getReports),
	register(getChainOfCommand),
	register(getOrgStats),
	register(addUser),
	register(updateUser),
	register(moveUser),
	register(removeUser),
	register(undoChange)
];

const byName = new Map(toolDefinitions.map((tool) => [tool.name, tool]));

/** The names of the tools that change people. */
export const mutatingToolNames: ReadonlySet<string> = new Set(
	toolDefinitions.filter((tool) => tool.mutates).map((tool) => tool.name)
);

/** The tool with this name, if there is one. */
export function getToolDefinition(name: string): ToolDefinition | undefined {
	return byName.get(name);
}

/** A tool's arguments as the JSON Schema object OpenAI-compatible APIs expect. */
export function toolParameters(tool: ToolDefinition): Record<string, unknown> {
	const { $schema: _dialect, ...schema } = z.toJSONSchema(tool.input, { io: 'input', unrepresentable: 'any' });
	return { ...schema, type: 'object', properties: schema.properties ?? {}, required: schema.required ?? [] };
}

let cachedModelTools: ChatCompletionTool[] | undefined;

/** The tools in the Chat Completions `tools` format. */
export function toolsForModel(): ChatCompletionTool[] {
	cachedModelTools ??= toolDefinitions.map((tool) => ({
		type: 'function',
		function: { name: tool.name, description: tool.description, parameters: toolParameters(tool) }
	}));
	return cachedModelTools;
}

/** A call whose tool exists, whose caller may use it, and whose arguments are valid: ready to run. */
export type PreparedToolCall = { tool: ToolDefinition; input: unknown };

/**
 * Checks a call as the model wrote it (arguments as a JSON string) without running it: unknown
 * names, a role that may not use the tool (checked first, before any approval), bad JSON and
 * invalid arguments come back as errors the model can read.
 */
export function prepareToolCall(ctx: ToolContext, name: string, rawArguments: string): { ok: true; call: PreparedToolCall } | { ok: false; error: ToolError } {
	const tool = byName.get(name);
	if (!tool) {
		const known = toolDefinitions.map((definition) => definition.name).join(', ');
		return { ok: false, error: { code: 'invalid_arguments', message: `Unknown tool ${name}. The tools are: ${known}.` } };
	}
	const refused = permissionRefusal(ctx, tool);
	if (refused) return { ok: false, error: refused };
	const parsedJson = parseArguments(rawArguments);
	if (!parsedJson.ok) return parsedJson;
	const input = tool.input.safeParse(parsedJson.value);
	if (!input.success) {
		const problems = input.error.issues.map((issue) =>
			issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message
		);
		return { ok: false, error: { code: 'invalid_arguments', message: `Invalid arguments for ${name}: ${problems.join('; ').replace(/\.$/, '')}.` } };
	}
	return { ok: true, call: { tool, input: input.data } };
}

/** Runs a prepared call; an unexpected failure is logged with its cause and reported as `internal` without internals. */
export async function runPreparedToolCall(ctx: ToolContext, { tool, input }: PreparedToolCall): Promise<ToolOutcome<unknown>> {
	try {
		return await timeTool(tool.name, () => tool.execute(ctx, input));
	} catch (error) {
		return { ok: false, error: unexpectedFailure(tool, error) };
	}
}

/**
 * Runs a tool by name with its arguments as the model wrote them (a JSON string). Bad JSON,
 * invalid arguments and unknown names come back as `invalid_arguments`; an unexpected failure
 * is logged with its cause and reported as `internal` without internals.
 */
export async function executeTool(ctx: ToolContext, name: string, rawArguments: string): Promise<ToolOutcome<unknown>> {
	const prepared = prepareToolCall(ctx, name, rawArguments);
	return prepared.ok ? runPreparedToolCall(ctx, prepared.call) : prepared;
}

/** What a prepared call would change, if its tool changes people; a refusal the call would meet comes back as an error. */
export async function previewToolCall(
	ctx: ToolContext,
	{ tool, input }: PreparedToolCall
): Promise<{ ok: true; impact: ToolImpact | null } | { ok: false; error: ToolError }> {
	if (!tool.mutates) return { ok: true, impact: null };
	if (!tool.previewImpact) return { ok: true, impact: { summary: `Run ${tool.name} with ${JSON.stringify(input)}.`, removed: 0, managerChanges: 0 } };
	try {
		return { ok: true, impact: await tool.previewImpact(ctx, input) };
	} catch (error) {
		return { ok: false, error: unexpectedFailure(tool, error) };
	}
}

function unexpectedFailure(tool: ToolDefinition, error: unknown): ToolError {
	// Tools return refusals as results; this also catches one thrown by a tool (or a preview) that forgot to.
	const refusal = asToolError(error);
	if (refusal) return refusal;
	console.error(`[organichart] tool ${tool.name} failed:`, error);
	return { code: 'internal', message: 'The tool failed unexpectedly.' };
}

/**
 * The refusal for a tool the actor's role may not use (a viewer asking to change people), checked
 * before anything else, approval included; undefined when the call may go ahead.
 */
export function permissionRefusal(ctx: ToolContext, tool: ToolDefinition): ToolError | undefined {
	if (!tool.mutates || allows(ctx.actor.role, 'editPeople')) return undefined;
	return {
		code: 'forbidden',
		message: `Not allowed: ${tool.name} changes people, and this user's role in the organization (${ctx.actor.role}) can only view. Nothing was changed. Tell the user an admin can give them the editor role.`
	};
}

function parseArguments(raw: string): { ok: true; value: unknown } | { ok: false; error: ToolError } {
	// Models send "" for a tool without arguments; that means {}.
	if (raw.trim() === '') return { ok: true, value: {} };
	try {
		return { ok: true, value: JSON.parse(raw) };
	} catch {
		return {
			ok: false,
			error: { code: 'invalid_arguments', message: 'The arguments are not valid JSON. Send a JSON object with the fields the tool describes.' }
		};
	}
}
