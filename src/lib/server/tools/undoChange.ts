import { z } from 'zod';
import { AppError } from '../errors';
import { latestOwnChange, readChange } from '../org/history';
import { previewUndo, undoChange as revertChange } from '../org/undo-change';
import type { OrgContext } from '../org/context';
import { runTool } from './outcome';
import type { ToolDefinition, UndoChangeResult } from './types';

const input = z.object({
	changeId: z
		.uuid('changeId must be the id of a change (the changeId of an earlier result).')
		.optional()
		.describe('The change to revert: the changeId an earlier tool result carried. Leave it out for the latest change made in this conversation.')
});

/** The change a call names, or the actor's latest change that is not undone. */
async function targetOf(ctx: OrgContext, changeId: string | undefined): Promise<string> {
	if (changeId) return changeId;
	const latest = await latestOwnChange(ctx);
	if (!latest) throw new AppError('not_found', 'There is no change made in this conversation that is not undone yet, so there is nothing to undo.');
	return latest.id;
}

export const undoChange: ToolDefinition<typeof input, UndoChangeResult> = {
	name: 'undoChange',
	description:
		'Undo a change to people: reverts the change with the given changeId (every mutating tool result carries one), or, without changeId, the latest change made in this conversation that is not undone yet. A removed person comes back with the same id, fields, manager and reports. Refused with a conflict when later changes touched the same people (undo those first).',
	input,
	mutates: true,
	previewImpact: async (ctx, args) => previewUndo(ctx, await targetOf(ctx, args.changeId)),
	execute: (ctx, args) =>
		runTool(async () => {
			const { undone, changeId } = await revertChange(ctx, await targetOf(ctx, args.changeId));
			const change = await readChange(ctx.db, ctx.orgId, changeId);
			return {
				result: { change, undone: await readChange(ctx.db, ctx.orgId, undone.id), changeId },
				touched: change.personIds
			};
		})
};
