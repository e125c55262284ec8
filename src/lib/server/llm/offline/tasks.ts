/**
 * The programs of requests that take several dependent tool calls. Each reads the chart through
 * the same tools a model would use, and lists everyone it counts.
 */
import type { Person } from '$lib/protocol';
import type { GetOrgStatsResult, GetReportsResult, PersonDetail, SearchPeopleResult } from '../../tools/types';
import { answerOutcome } from './answer';
import { personLabel, plural } from './answer-reads';
import { bold, text } from './escape';
import type { OfflineTaskName, TaskIntent } from './intent-types';
import { resolvePeople } from './lookup';
import { loose } from './references';
import type { ActionOutcome, Replay } from './replay';
import { byName, failed, withNote, type Program } from './task-common';
import { listManagers, mostReports, noReports } from './tasks-tree';

const spanOfControl: Program = (replay, args) => {
	const outcome = replay.one({ name: 'getReports', arguments: { person: args.person, depth: 'all' } });
	if (!outcome.ok) return failed('getReports', outcome, args.person);
	const result = outcome.result as unknown as GetReportsResult & { truncated?: boolean };
	const direct = result.reports.filter((report) => report.level === 1);
	const levels = Math.max(0, ...result.reports.map((report) => report.level));
	const who = personLabel(result.person);
	if (result.total === 0) return { text: `${who} has a span of control of 0: no one reports to them.`, subject: result.person };
	const lines = [`${who} has a span of control of ${direct.length}: ${plural(direct.length, 'direct report')}.`];
	if (result.total > direct.length) lines.push('', `Counting every level below them, ${plural(result.total, 'person', 'people')} report up to them, over ${plural(levels, 'level')}.`);
	lines.push('', 'Direct reports:', ...direct.map((report) => `- ${personLabel(report)}`));
	return { text: withNote(lines, Boolean(result.truncated)), subject: result.person, offer: { people: direct, query: null, ref: null } };
};

const peers: Program = (replay, args) => {
	const info = replay.one({ name: 'getUserInformation', arguments: { person: args.person } });
	if (!info.ok) return failed('getUserInformation', info, args.person);
	const person = (info.result as unknown as { person: PersonDetail }).person;
	const subject = { id: person.id, name: person.name, title: person.title };
	if (!person.manager) return { text: `${personLabel(person)} is at the top of the chart, so no one shares their manager: they have no peers.`, subject };
	const team = replay.one({ name: 'getReports', arguments: { person: person.manager.id, depth: 'direct' } });
	if (!team.ok) return failed('getReports', team, undefined);
	const others = (team.result as unknown as GetReportsResult).reports.filter((report) => report.id !== person.id);
	if (others.length === 0) return { text: `${personLabel(person)} has no peers: they are the only one reporting to ${personLabel(person.manager)}.`, subject };
	const lines = [`${personLabel(person)} has ${plural(others.length, 'peer')}, who also ${others.length === 1 ? 'reports' : 'report'} to ${personLabel(person.manager)}:`, ''];
	lines.push(...others.map((other) => `- ${personLabel(other)}`));
	return { text: lines.join('\n'), subject, offer: { people: others, query: null, ref: null } };
};

const SEARCH_LIMIT = 50;

function placeLine(person: Person, kind: 'department' | 'location'): string {
	const other = kind === 'department' ? person.location : person.department;
	return `- ${personLabel(person)}${other ? `, ${text(other)}` : ''}`;
}

const peopleIn: Program = (replay, args) => {
	const place = args.place;
	const [stats, search] = replay.all([
		{ name: 'getOrgStats', arguments: {} },
		{ name: 'searchPeople', arguments: { query: place, limit: SEARCH_LIMIT } }
	]);
	if (!search.ok) return failed('searchPeople', search, undefined);
	const found = search.result as unknown as SearchPeopleResult;
	const departments = stats.ok ? (stats.result as unknown as GetOrgStatsResult).departments : [];
	const department = departments.find((entry) => loose(entry.name) === loose(place));
	const inDepartment = found.people.filter((person) => person.department && loose(person.department) === loose(place));
	const atLocation = found.people.filter((person) => person.location && loose(person.location) === loose(place));
	const kind =
		args.kind === 'location' || (args.kind === 'any' && !department && inDepartment.length === 0 && atLocation.length > 0) ? 'location' : 'department';
	const listed = kind === 'location' ? atLocation : inDepartment;
	const where = kind === 'location' ? `the ${text(place)} office` : `the ${text(department?.name ?? place)} department`;
	if (listed.length === 0 && !department) {
		if (args.kind === 'any' && found.total > 0) return { text: answerOutcome('searchPeople', search) };
		return { text: `No one is in ${where}. Try a department, an office or part of a name (for example "Find Berlin").` };
	}
	// The org stats count a department exactly; an office is counted from the search, which may stop at its limit.
	const count = kind === 'department' && department ? department.count : listed.length;
	const atLeast = kind === 'location' && found.total > found.people.length ? 'at least ' : '';
	const lines = [`${atLeast}${plural(count, 'person is', 'people are')} in ${where}:`.replace(/^./, (first) => first.toUpperCase()), ''];
	lines.push(...[...listed].sort(byName).map((person) => placeLine(person, kind)));
	if (listed.length < count) lines.push('', `Showing ${listed.length} of them: the search lists at most ${SEARCH_LIMIT}.`);
	return { text: lines.join('\n'), offer: listed.length > 1 ? { people: listed, query: place, ref: null } : undefined };
};

/** Adds or removes one dotted-line manager, keeping the others the person has. */
function dottedLine(adding: boolean): Program {
	return (replay, args) => {
		const [personOutcome, managerOutcome] = replay.all([
			{ name: 'getUserInformation', arguments: { person: args.person } },
			{ name: 'getUserInformation', arguments: { person: args.manager } }
		]);
		if (!personOutcome.ok) return failed('getUserInformation', personOutcome, args.person);
		if (!managerOutcome.ok) return failed('getUserInformation', managerOutcome, args.manager);
		const person = (personOutcome.result as unknown as { person: PersonDetail }).person;
		const manager = (managerOutcome.result as unknown as { person: PersonDetail }).person;
		const subject = { id: person.id, name: person.name, title: person.title };
		const current = person.dottedLineManagerIds ?? [];
		const has = current.includes(manager.id);
		if (adding && has) return { text: `${bold(person.name)} already reports to ${personLabel(manager)} on a dotted line; nothing changed.`, subject };
		if (!adding && !has) return { text: `${bold(person.name)} has no dotted line to ${personLabel(manager)}; nothing changed.`, subject };
		const next = adding ? [...current, manager.id] : current.filter((id) => id !== manager.id);
		const update = replay.one({ name: 'updateUser', arguments: { person: person.id, changes: { dottedLineManagerIds: next } } });
		if (!update.ok) return { text: answerOutcome('updateUser', update), subject };
		const lines = [
			adding
				? `${bold(person.name)} now also reports to ${personLabel(manager)} on a dotted line.`
				: `${bold(person.name)} no longer reports to ${personLabel(manager)} on a dotted line.`
		];
		if (adding && person.manager?.id === manager.id) lines.push('', `${bold(manager.name)} is their solid-line manager too.`);
		else if (person.manager) lines.push('', `Their solid-line manager is still ${personLabel(person.manager)}.`);
		lines.push('', `They have ${plural(next.length, 'dotted-line manager')} now.`);
		return { text: lines.join('\n'), subject };
	};
}

const PROGRAMS: Record<OfflineTaskName, Program> = {
	listManagers,
	mostReports,
	noReports,
	spanOfControl,
	peers,
	peopleIn,
	addDottedLine: dottedLine(true),
	removeDottedLine: dottedLine(false)
};

const PERSON_KEYS = ['person', 'manager'];

/** Runs a task: the people it names are looked up first when they need it. */
export function runTask(intent: TaskIntent, replay: Replay): ActionOutcome {
	const slots = PERSON_KEYS.flatMap((key) => (typeof intent.arguments[key] === 'string' ? [[key, intent.arguments[key] as string] as [string, string]] : []));
	const resolved = resolvePeople(replay, slots);
	if (!resolved.ok) return resolved.outcome;
	const args = Object.fromEntries(Object.entries({ ...intent.arguments, ...resolved.args }).map(([key, value]) => [key, String(value)]));
	return PROGRAMS[intent.name](replay, args);
}
