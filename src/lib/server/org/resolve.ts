/** Turning a `person` argument (an id or a name as someone typed it) into one person of the organization. */
import { AppError } from '../errors';
import type { Database } from '../db';
import { getPerson, toPersonRef, type PersonRow } from '../db/people';
import { peopleNamedExactly, peopleNamedNear, peopleNamedWithParts, type NameCandidate } from '../db/people-names';
import type { ToolError } from './context';
import { looseName, matchByName, suggestionDistance, type NameMatch } from './name-matching';
import { isUuid } from '../ids';

const MAX_LISTED = 10;

const describe = (person: NameCandidate) => `${person.name} (${person.title})`;

/**
 * The person `ref` names in the organization: by id, else by full name, first or last name, then
 * a fragment — case-, accent- and apostrophe-insensitive. Several matches come back as an
 * "ambiguous" error with the candidates; it never guesses.
 */
export async function resolvePerson(db: Database, orgId: string, ref: string): Promise<PersonRow | { error: ToolError }> {
	const text = ref.trim();
	if (!text) return { error: { code: 'invalid_arguments', message: 'Say which person: a name or an id.' } };
	if (isUuid(text)) {
		const person = await getPerson(db, orgId, text);
		return person ?? { error: { code: 'not_found', message: `There is no person with id ${text} in this organization.` } };
	}
	const match = await matchInOrganization(db, orgId, text);
	if (match.kind === 'unique') {
		const person = await getPerson(db, orgId, match.person.id);
		if (person) return person;
		return { error: { code: 'not_found', message: `${match.person.name} is no longer in this organization.` } };
	}
	if (match.kind === 'ambiguous') {
		const listed = match.candidates.slice(0, MAX_LISTED);
		const more = match.candidates.length - listed.length;
		return {
			error: {
				code: 'ambiguous',
				message:
					`"${text}" matches ${match.candidates.length} people: ${listed.map(describe).join(', ')}` +
					`${more > 0 ? ` and ${more} more` : ''}. Say which one by full name or id.`,
				candidates: listed.map(toPersonRef)
			}
		};
	}
	const hint =
		match.suggestions.length > 0
			? ` Did you mean ${match.suggestions.map(describe).join(' or ')}?`
			: ' Check the spelling, or search by title or department.';
	return {
		error: {
			code: 'not_found',
			message: `No one named "${text}" works in this organization.${hint}`,
			...(match.suggestions.length > 0 && { candidates: match.suggestions.map(toPersonRef) })
		}
	};
}

/**
 * matchByName over the whole organization, reading only the people who could match: the stages
 * decide on the first that matches anyone, so each narrowing below returns everyone every stage
 * up to the deciding one could pick.
 */
async function matchInOrganization(db: Database, orgId: string, text: string): Promise<NameMatch<NameCandidate>> {
	const key = looseName(text);
	if (!key) return matchByName([], text);
	// Someone with exactly this folded name: the first two stages (full name) decide among them alone.
	const namesakes = await peopleNamedExactly(db, orgId, key);
	if (namesakes.some((person) => looseName(person.name) === key)) return matchByName(namesakes, text);
	// Every later stage needs each word of the query inside the name.
	const match = matchByName(await peopleNamedWithParts(db, orgId, key.split(' ')), text);
	if (match.kind !== 'none') return match;
	// Nobody matches: suggestions come from names a few edits away (a swap counts one there, two in SQL).
	const distance = suggestionDistance(key.length);
	if (distance === 0 || key.length > 250) return match;
	return matchByName(await peopleNamedNear(db, orgId, key, 2 * distance), text);
}

/** Like resolvePerson, but throws the failure as an AppError (its candidates in `details`). */
export async function requirePerson(db: Database, orgId: string, ref: string): Promise<PersonRow> {
	const result = await resolvePerson(db, orgId, ref);
	if ('error' in result) throw toolErrorToAppError(result.error);
	return result;
}

/** A tool error as the AppError services throw; the candidates travel in `details`. */
export function toolErrorToAppError(error: ToolError): AppError {
	return new AppError(error.code, error.message, error.candidates ? { details: { candidates: error.candidates } } : {});
}
