/** What the person panel shows around a person, read from the server so it works in large organizations too. */
import type { ChangeSummary } from '$lib/protocol';
import { getPathTo, getReportsPage, type ChartPerson } from '$lib/client/chart-api';
import { listChanges } from '$lib/client/people-api';

export const REPORTS_SHOWN = 50;
export const CHANGES_SHOWN = 8;

export type Surroundings = {
	person: ChartPerson;
	/** From the top of the chart down to the person's manager. */
	chain: ChartPerson[];
	reports: ChartPerson[];
	reportTotal: number;
	changes: ChangeSummary[];
};

/** The person with their chain of command, direct reports and recent changes. */
export async function loadSurroundings(orgId: string, personId: string): Promise<Surroundings> {
	const [path, reports, changes] = await Promise.all([
		getPathTo(orgId, personId),
		getReportsPage(orgId, personId, REPORTS_SHOWN),
		listChanges(orgId, { personId, limit: CHANGES_SHOWN })
	]);
	const person = path.at(-1);
	if (!person || person.id !== personId) throw new Error('This person is no longer in the organization.');
	return { person, chain: path.slice(0, -1), reports: reports.people, reportTotal: reports.total, changes };
}
