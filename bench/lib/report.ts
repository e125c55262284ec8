/** Printing the bench results: plain-text tables for the console, and BENCHMARKS.md. */
import type { Cell, Goal, SuiteResult, Table } from './suite';

type Report = {
	date: string;
	smoke: boolean;
	machine: { cpu: string; cores: number; memory: string; node: string; platform: string };
	suites: { id: string; title: string; seconds: number; result?: SuiteResult; error?: string }[];
};

function formatCell(cell: Cell): string {
	if (cell === null || (typeof cell === 'number' && !Number.isFinite(cell))) return '—';
	if (typeof cell === 'number') return Math.abs(cell) >= 100 ? String(Math.round(cell)) : String(Number(cell.toFixed(2)));
	return cell;
}

export function renderTableText(table: Table): string {
	const rows = [table.columns, ...table.rows.map((row) => row.map(formatCell))];
	const widths = table.columns.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
	const line = (row: string[]) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ');
	return [`  ${table.title}`, ...rows.map((row, index) => `  ${line(row)}${index === 0 ? `\n  ${widths.map((w) => '-'.repeat(w)).join('  ')}` : ''}`)].join('\n');
}

const escapeCell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function renderTableMarkdown(table: Table): string {
	const header = `| ${table.columns.map(escapeCell).join(' | ')} |`;
	const rule = `|${table.columns.map(() => '---').join('|')}|`;
	const rows = table.rows.map((row) => `| ${row.map((cell) => escapeCell(formatCell(cell))).join(' | ')} |`);
	return [`#### ${table.title}`, '', ...(table.description ? [table.description, ''] : []), header, rule, ...rows].join('\n');
}

function renderGoals(goals: Goal[]): string {
	if (goals.length === 0) return '';
	const rows = goals.map((goal) => `| ${escapeCell(goal.name)} | ${escapeCell(goal.target)} | ${escapeCell(goal.measured)} | ${goal.met ? 'met' : '**not met**'} |`);
	return ['| goal | target | measured | |', '|---|---|---|---|', ...rows].join('\n');
}

export function renderMarkdown(report: Report, notes?: string): string {
	const { machine } = report;
	const allGoals = report.suites.flatMap((suite) => suite.result?.goals ?? []);
	const met = allGoals.filter((goal) => goal.met).length;
	const parts = [
		'# Benchmarks',
		'',
		'Written by `npm run bench` (bench/run.ts); do not edit by hand. Every figure is measured in the same run as its',
		'baseline, on the machine below, and the ratios are what carry over to other machines. Raw figures:',
		'`bench/results/latest.json`.',
		'',
		`- Date: ${report.date.slice(0, 16).replace('T', ' ')} UTC`,
		`- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memory} memory, ${machine.platform}`,
		`- Node ${machine.node}`,
		'',
		`## Goals: ${met} of ${allGoals.length} met`,
		'',
		renderGoals(allGoals)
	];
	for (const suite of report.suites) {
		parts.push('', `## ${suite.title}`, '', `_${suite.seconds.toFixed(0)} s_`, '');
		if (suite.error) {
			parts.push('```', suite.error, '```');
			continue;
		}
		const result = suite.result!;
		for (const table of result.tables) parts.push(renderTableMarkdown(table), '');
		if (result.goals.length > 0) parts.push(renderGoals(result.goals), '');
		if (result.notes?.length) parts.push(...result.notes.map((note) => `- ${note}`), '');
	}
	if (notes) parts.push('', notes.trim());
	return `${parts.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}
