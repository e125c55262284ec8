import { z } from 'zod';
import { searchPeopleRanked } from '../db/people-search';
import { looseName } from '../org/name-matching';
import { runTool } from './outcome';
import type { SearchPeopleResult, ToolDefinition } from './types';

const input = z.object({
	query: z
		.string()
		.trim()
		.min(1, 'Say what to search for.')
		.max(200)
		.describe('Words to look for in names, titles, departments, locations and emails, e.g. "engineer", "Berlin", "garcia".'),
	limit: z.number().int().min(1).max(50).optional().describe('How many people to return at most (default 10, at most 50).')
});

export const searchPeople: ToolDefinition<typeof input, SearchPeopleResult> = {
	name: 'searchPeople',
	description:
		'Search the organization for people by name, title, department, location or email. Returns the best matches first and the total number of matches. Use it to find people when you do not know their exact name, or to list people with a given title or in a department.',
	input,
	mutates: false,
	execute: (ctx, { query, limit }) =>
		runTool(async () => {
			const folded = looseName(query);
			const found = folded ? await searchPeopleRanked(ctx.db, ctx.orgId, folded, { limit: limit ?? 10 }) : { people: [], total: 0 };
			const shown = found.people.map(({ reportCount: _reportCount, ...person }) => person);
			return {
				result: { query, total: found.total, people: shown },
				touched: shown.map((person) => person.id)
			};
		})
};
