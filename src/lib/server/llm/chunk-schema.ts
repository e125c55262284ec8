/**
 * What a streamed chunk may hold, read leniently: providers differ (null fields, missing indexes,
 * arguments as objects, DeepSeek's `reasoning_content`), and a stray odd field must not end an answer.
 */
import { z } from 'zod';

/** A text field that is absent, null, or of an unexpected type reads as null. */
const optionalText = z.string().nullish().catch(null);
const optionalInt = z.number().int().nonnegative().nullish().catch(null);

const toolCallDeltaSchema = z.object({
	index: optionalInt,
	id: optionalText,
	function: z
		.object({
			name: optionalText,
			arguments: z
				.union([z.string(), z.record(z.string(), z.unknown()), z.array(z.unknown())])
				.nullish()
				.catch(null)
		})
		.nullish()
		.catch(null)
});
export type ToolCallDelta = z.infer<typeof toolCallDeltaSchema>;

const choiceSchema = z.object({
	index: optionalInt,
	delta: z
		.object({
			content: optionalText,
			refusal: optionalText,
			reasoning_content: optionalText,
			reasoning: optionalText,
			tool_calls: z.array(toolCallDeltaSchema).nullish().catch(null)
		})
		.nullish()
		.catch(null),
	finish_reason: optionalText
});

const usageSchema = z.object({
	prompt_tokens: z.number().nullish().catch(null),
	completion_tokens: z.number().nullish().catch(null),
	total_tokens: z.number().nullish().catch(null)
});

const providerErrorSchema = z.union([
	z.object({ message: z.unknown().optional(), code: z.unknown().optional(), type: z.unknown().optional() }),
	z.string()
]);

export const chunkSchema = z.object({
	choices: z.array(choiceSchema).nullish().catch(null),
	usage: usageSchema.nullish().catch(null),
	error: providerErrorSchema.nullish().catch(null)
});
export type ParsedChunk = z.infer<typeof chunkSchema>;
export type ParsedChoice = z.infer<typeof choiceSchema>;
export type ProviderErrorBody = z.infer<typeof providerErrorSchema>;
