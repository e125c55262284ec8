/** Markdown answers for the tools that read the chart. */
import type {
	GetChainOfCommandResult,
	GetOrgStatsResult,
	GetReportsResult,
	GetUserInformationResult,
	PersonRef,
	ReportEntry,
	SearchPeopleResult
} from '../../tools/types';
import { bold, quoted, text } from './escape';

/** "**Jane Smith** (VP of Engineering)", every character of the name and title shown as typed. */
export function personLabel(person: PersonRef): string {
	return person.title ? `${bold(person.name)} (${text(person.title)})` : bold(person.name);
}

export function plural(count: number, one: string, many = `${one}s`): string {
	return `${count} ${count === 1 ? one : many}`;
}

export function answerUserInformation({ person }: GetUserInformationResult): string {
	// A title-first list avoids guessing an article ("a Product Manager", "the CEO").
	const lines = [bold(person.name), '', `- Title: ${person.title ? text(person.title) : 'none'}`];
	if (person.vacancy) lines.push('- Open role: nobody fills it yet');
	if (person.department) lines.push(`- Department: ${text(person.department)}`);
	if (person.email) lines.push(`- Email: ${text(person.email)}`);
	if (person.location) lines.push(`- Location: ${text(person.location)}`);
	if (person.startDate) lines.push(`- Start date: ${text(person.startDate)}`);
	lines.push(person.manager ? `- Reports to: ${personLabel(person.manager)}` : '- Reports to: nobody (top of the chart)');
	if (person.directReports.length === 0) lines.push('- Direct reports: none');
	else {
		lines.push(`- Direct reports (${person.directReports.length}):`);
		for (const report of person.directReports) lines.push(`  - ${personLabel(report)}`);
	}
	return lines.join('\n');
}

export function answerSearch({ query, total, people }: SearchPeopleResult): string {
	if (total === 0 || people.length === 0) {
		return `No one in the chart matches ${quoted(query)}. Try part of a name, a title or a department.`;
	}
	const lines = [`Found ${plural(total, 'person', 'people')} matching ${quoted(query)}:`, ''];
	for (const person of people) {
		lines.push(`- ${bold(person.name)}: ${text(person.title)}${person.department ? ` (${text(person.department)})` : ''}`);
	}
	if (total > people.length) lines.push('', `Showing the first ${people.length}. Narrow the search to see the others.`);
	return lines.join('\n');
}

/** Lists reports as an indented tree, each under their own manager; anyone whose manager is not listed comes last, flat. */
function reportTree(rootId: string, reports: ReportEntry[]): string[] {
	const byManager = new Map<string, ReportEntry[]>();
	for (const report of reports) byManager.set(report.managerId, [...(byManager.get(report.managerId) ?? []), report]);
	const lines: string[] = [];
	const shown = new Set<string>();
	const visit = (managerId: string, depth: number) => {
		for (const report of byManager.get(managerId) ?? []) {
			if (shown.has(report.id)) continue;
			shown.add(report.id);
			lines.push(`${'  '.repeat(depth)}- ${personLabel(report)}`);
			visit(report.id, depth + 1);
		}
	};
	visit(rootId, 0);
	for (const report of reports) if (!shown.has(report.id)) lines.push(`- ${personLabel(report)}`);
	return lines;
}

export function answerReports({ person, depth, total, reports }: GetReportsResult): string {
	if (total === 0 || reports.length === 0) return `${personLabel(person)} has no ${depth === 'all' ? 'one under them' : 'direct reports'}.`;
	if (depth === 'direct') {
		const lines = [`${personLabel(person)} has ${plural(total, 'direct report')}:`, ''];
		for (const report of reports) lines.push(`- ${personLabel(report)}`);
		return lines.join('\n');
	}
	return [`${plural(total, 'person', 'people')} ${total === 1 ? 'is' : 'are'} under ${personLabel(person)}:`, '', ...reportTree(person.id, reports)].join('\n');
}

export function answerChain({ person, chain }: GetChainOfCommandResult): string {
	if (chain.length === 0) return `${personLabel(person)} is at the top of the chart: they have no manager.`;
	const path = [person, ...chain].map((entry) => bold(entry.name)).join(' → ');
	return [`${personLabel(person)} reports to ${personLabel(chain[0])}.`, '', `Chain of command: ${path}`].join('\n');
}

export function answerOrgStats(stats: GetOrgStatsResult): string {
	const lines = [
		`${bold(stats.organization.name)} has ${plural(stats.headcount, 'person', 'people')} in ${plural(stats.departments.length, 'department')}, ${plural(stats.depth, 'level')} deep.`,
		'',
		`- Managers: ${stats.managers}, with ${stats.averageSpan.toFixed(1)} direct reports on average`
	];
	if (stats.vacancies) lines.push(`- Open roles: ${stats.vacancies} (not counted in the headcount)`);
	if (stats.widestSpan) lines.push(`- Widest span: ${personLabel(stats.widestSpan.person)} with ${plural(stats.widestSpan.reports, 'direct report')}`);
	if (stats.roots.length > 0) lines.push(`- Top of the chart: ${stats.roots.map((root) => personLabel(root)).join(', ')}`);
	if (stats.departments.length > 0) {
		lines.push(`- Departments: ${stats.departments.map((department) => `${text(department.name)} (${department.count})`).join(', ')}`);
	}
	return lines.join('\n');
}
