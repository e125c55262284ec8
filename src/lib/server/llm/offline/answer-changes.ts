/** Markdown answers for the tools that change the chart, and for tool errors. */
import type { AddUserResult, MoveUserResult, RemoveUserResult, ToolError, UndoChangeResult, UpdateUserResult } from '../../tools/types';
import type { Person } from '$lib/protocol';
import { personLabel } from './answer-reads';
import { bold, text } from './escape';

export function answerAddUser({ person, manager, namesakes = [] }: AddUserResult): string {
	const reporting = manager ? `, reporting to ${personLabel(manager)}` : '';
	const lines = [
		person.vacancy ? `Added an open ${bold(person.title)} role${reporting}.` : `Added ${bold(person.name)} as ${text(person.title)}${reporting}.`
	];
	const details = [
		person.department && `department ${text(person.department)}`,
		person.email && `email ${text(person.email)}`,
		person.location && `location ${text(person.location)}`,
		person.startDate && `start date ${text(person.startDate)}`
	].filter(Boolean);
	if (details.length > 0) lines.push('', `Also recorded: ${details.join(', ')}.`);
	if (namesakes.length > 0) {
		const others = namesakes.map(personLabel).join(', ');
		lines.push('', `Note: ${others} ${namesakes.length === 1 ? 'has' : 'have'} the same name. Use the full name with the title, or the id, to tell them apart.`);
	}
	return lines.join('\n');
}

const FIELD_LABELS: Record<string, string> = {
	name: 'Name',
	title: 'Title',
	department: 'Department',
	email: 'Email',
	location: 'Location',
	startDate: 'Start date',
	vacancy: 'Open role',
	dottedLineManagerIds: 'Dotted-line managers'
};

function fieldValue(person: Person, field: string): string {
	const value = (person as Record<string, unknown>)[field];
	if (typeof value === 'boolean') return value ? 'yes' : 'no';
	if (Array.isArray(value)) return value.length === 0 ? '(none)' : String(value.length);
	return typeof value === 'string' && value !== '' ? text(value) : '(none)';
}

export function answerUpdateUser({ person, before, changed }: UpdateUserResult): string {
	if (changed.length === 0) return `Nothing changed: ${bold(person.name)} already has those details.`;
	const lines = [`Updated ${bold(before.name)}:`, ''];
	for (const field of changed) {
		lines.push(`- ${FIELD_LABELS[field] ?? field}: ${fieldValue(before, field)} → **${fieldValue(person, field)}**`);
	}
	return lines.join('\n');
}

export function answerMoveUser({ person, oldManager, newManager }: MoveUserResult): string {
	if (oldManager?.id === newManager.id) return `${bold(person.name)} already reports to ${personLabel(newManager)}; nothing changed.`;
	const before = oldManager ? `instead of ${bold(oldManager.name)}` : 'instead of being at the top of the chart';
	return `Moved ${bold(person.name)}: they now report to ${personLabel(newManager)}, ${before}.`;
}

export function answerRemoveUser({ removed, reassignedTo, reassigned }: RemoveUserResult): string {
	const lines = [`Removed ${personLabel(removed)} from the chart.`];
	// When the successor was one of the reports, they move up into the removed person's place.
	const heir = reassignedTo && reassigned.some((person) => person.id === reassignedTo.id) ? reassignedTo : null;
	const others = heir ? reassigned.filter((person) => person.id !== heir.id) : reassigned;
	if (heir) lines.push('', `${personLabel(heir)} takes their place in the chart.`);
	if (others.length > 0) {
		const names = others.map((person) => bold(person.name)).join(', ');
		const target = reassignedTo ? personLabel(reassignedTo) : 'nobody (they are now at the top of the chart)';
		const whose = heir ? 'other' : '';
		const count = others.length === 1 ? `${whose} report`.trim() : `${others.length} ${whose} reports`.replace('  ', ' ');
		lines.push('', `Their ${count} (${names}) now ${others.length === 1 ? 'reports' : 'report'} to ${target}.`);
	}
	return lines.join('\n');
}

export function answerUndoChange({ undone }: UndoChangeResult): string {
	return `Undone: ${text(undone.summary)}.`;
}

/** How to answer "which one?": the ways a choice can be said. */
export const WHICH_ONE = 'Which one did you mean? Say "the first one", "the one in Engineering" or their title, for example "Jane Smith (Engineer)".';

/** A tool's failure, said plainly: the candidates for an ambiguous name, "not found", or why a change was refused. */
export function answerToolError(error: ToolError, mutating: boolean): string {
	if (error.code === 'ambiguous' && error.candidates && error.candidates.length > 0) {
		const lines = ['More than one person matches that name:', ''];
		for (const candidate of error.candidates) lines.push(`- ${personLabel(candidate)}`);
		lines.push('', WHICH_ONE);
		return lines.join('\n');
	}
	if (error.code === 'not_found') {
		// The tool's message may already say how to find the person; the hint is added only when it does not.
		const hint = /spelling|search/i.test(error.message) ? '' : ' Check the spelling, or search with part of the name (for example "Find Jane").';
		return `${text(error.message)}${hint}`;
	}
	if (error.code === 'denied') {
		return /timed out/i.test(error.message)
			? "I didn't make that change: nobody approved it in time (the approval request timed out), so nothing was changed."
			: "I didn't make that change: you declined it, so nothing was changed.";
	}
	const prefix = mutating ? "I couldn't make that change" : "I couldn't do that";
	return `${prefix}: ${text(error.message)}${mutating ? ' Nothing was changed.' : ''}`;
}
