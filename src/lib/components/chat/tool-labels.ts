/** How tool calls read in the chat: a friendly name, an icon, and a one-line summary of the arguments. */
import type { IconName } from '../ui/icon-paths';

type ToolLabel = { label: string; icon: IconName };

const labels: Record<string, ToolLabel> = {
	getUserInformation: { label: 'Look up person', icon: 'user' },
	searchPeople: { label: 'Search people', icon: 'search' },
	addUser: { label: 'Add person', icon: 'userPlus' },
	updateUser: { label: 'Update person', icon: 'edit' },
	moveUser: { label: 'Change manager', icon: 'move' },
	removeUser: { label: 'Remove person', icon: 'userMinus' },
	getReports: { label: 'List reports', icon: 'users' },
	getChainOfCommand: { label: 'Chain of command', icon: 'chain' },
	getOrgStats: { label: 'Organization stats', icon: 'chart' }
};

/** The label and icon of a tool; unknown tools get their own name split into words. */
export function toolLabel(name: string): ToolLabel {
	return labels[name] ?? { label: name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase()), icon: 'tool' };
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);

/** A short human summary of the arguments ("John Doe → Jane Smith"), or null when there is nothing to say. */
export function summarizeArguments(name: string, args: unknown): string | null {
	if (typeof args !== 'object' || args === null) return null;
	const a = args as Record<string, unknown>;
	switch (name) {
		case 'addUser': {
			const who = [text(a.name), text(a.title)].filter(Boolean).join(', ');
			return text(a.manager) ? `${who} → ${text(a.manager)}` : who || null;
		}
		case 'moveUser':
			return text(a.person) && text(a.newManager) ? `${text(a.person)} → ${text(a.newManager)}` : text(a.person);
		case 'searchPeople':
			return text(a.query) ? `“${text(a.query)}”` : null;
		default:
			return text(a.person) ?? text(a.name);
	}
}

/** Pretty JSON for the card's details; strings stay as they are. */
export function prettyJson(value: unknown): string {
	if (typeof value === 'string') return value;
	try {
		return JSON.stringify(value, null, 2) ?? String(value);
	} catch {
		return String(value);
	}
}
