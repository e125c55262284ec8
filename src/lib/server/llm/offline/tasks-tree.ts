/** Questions about the whole tree: who the managers are, who has the most reports, who has none. */
import type { GetOrgStatsResult, GetReportsResult, PersonRef, ReportEntry } from '../../tools/types';
import { personLabel, plural } from './answer-reads';
import { byName, failed, withNote, type Program } from './task-common';
import type { ActionOutcome, Replay } from './replay';

type Entry = PersonRef & { managerId: string | null };
type Everyone = { people: Entry[]; reports: Map<string, number>; truncated: boolean };

/** Everyone in the chart with their manager: the roots from the org stats, and everyone under each root. */
function readEveryone(replay: Replay): Everyone | ActionOutcome {
	const stats = replay.one({ name: 'getOrgStats', arguments: {} });
	if (!stats.ok) return failed('getOrgStats', stats, undefined);
	const roots = (stats.result as unknown as GetOrgStatsResult).roots ?? [];
	const trees = replay.all(roots.map((root) => ({ name: 'getReports' as const, arguments: { person: root.id, depth: 'all' } })));
	const people: Entry[] = roots.map((root) => ({ ...root, managerId: null }));
	let truncated = false;
	for (const tree of trees) {
		if (!tree.ok) return failed('getReports', tree, undefined);
		const result = tree.result as unknown as GetReportsResult & { truncated?: boolean };
		truncated ||= Boolean(result.truncated) || result.reports.length < result.total;
		people.push(...result.reports.map((report: ReportEntry) => ({ id: report.id, name: report.name, title: report.title, managerId: report.managerId })));
	}
	const reports = new Map<string, number>();
	for (const person of people) if (person.managerId) reports.set(person.managerId, (reports.get(person.managerId) ?? 0) + 1);
	return { people, reports, truncated };
}

export const listManagers: Program = (replay) => {
	const everyone = readEveryone(replay);
	if ('text' in everyone) return everyone;
	const managers = everyone.people
		.filter((person) => everyone.reports.has(person.id))
		.map((person) => ({ person, count: everyone.reports.get(person.id) ?? 0 }))
		.sort((a, b) => b.count - a.count || byName(a.person, b.person));
	if (managers.length === 0) return { text: 'No one in the chart has direct reports yet.' };
	const lines = [`${plural(managers.length, 'person has', 'people have')} direct reports:`, ''];
	for (const { person, count } of managers) lines.push(`- ${personLabel(person)}: ${plural(count, 'direct report')}`);
	return { text: withNote(lines, everyone.truncated), offer: { people: managers.map(({ person }) => person), query: null, ref: null } };
};

export const mostReports: Program = (replay) => {
	const everyone = readEveryone(replay);
	if ('text' in everyone) return everyone;
	const ranked = everyone.people
		.filter((person) => everyone.reports.has(person.id))
		.map((person) => ({ person, count: everyone.reports.get(person.id) ?? 0 }))
		.sort((a, b) => b.count - a.count || byName(a.person, b.person));
	if (ranked.length === 0) return { text: 'No one in the chart has direct reports yet.' };
	const most = ranked[0].count;
	const top = ranked.filter((entry) => entry.count === most);
	const lines =
		top.length === 1
			? [`${personLabel(top[0].person)} has the most direct reports: ${most}.`]
			: [`${top.length} people share the most direct reports, ${most} each: ${top.map(({ person }) => personLabel(person)).join(', ')}.`];
	const next = ranked.slice(top.length, top.length + 4);
	if (next.length > 0) lines.push('', 'Next come:', ...next.map(({ person, count }) => `- ${personLabel(person)}: ${count}`));
	return { text: withNote(lines, everyone.truncated), subject: top.length === 1 ? top[0].person : null };
};

export const noReports: Program = (replay) => {
	const everyone = readEveryone(replay);
	if ('text' in everyone) return everyone;
	const alone = everyone.people.filter((person) => !everyone.reports.has(person.id)).sort(byName);
	if (alone.length === 0) return { text: 'Everyone in the chart has at least one direct report.' };
	const lines = [`${plural(alone.length, 'person has', 'people have')} no direct reports:`, '', ...alone.map((person) => `- ${personLabel(person)}`)];
	return { text: withNote(lines, everyone.truncated) };
};
