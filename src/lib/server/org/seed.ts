/** The demo organization a newcomer sees on first start, so the chart is never empty. */
import { randomUUID } from 'node:crypto';
import type { Database } from '../db';
import { insertOrganizationIfAbsent, selectOrganizations } from '../db/organizations';
import { personKeys } from '../db/people-keys';
import { people } from '../db/schema';
import { demoPeople } from './demo-people';
import { normalizeName } from './name-matching';

export const DEMO_SLUG = 'acme';
const DEMO_DOMAIN = 'acme.example';

/**
 * Creates "Acme Corporation" with ~40 people when the database has no organization at all.
 * Safe to run on every start and from two processes at once: the unique slug lets one insert win.
 */
export async function ensureDemoOrganization(db: Database): Promise<void> {
	if ((await selectOrganizations(db)).length > 0) return;
	await db.transaction(async (tx) => {
		const org = await insertOrganizationIfAbsent(tx, { slug: DEMO_SLUG, name: 'Acme Corporation' });
		if (!org) return;
		const ids = new Map(demoPeople.map(([name]) => [name, randomUUID()]));
		// One statement: managers are listed before their reports, and foreign keys are checked at its end.
		await tx.insert(people).values(
			demoPeople.map(([name, title, department, location, startDate, manager]) => {
				const email = demoEmail(name);
				return {
					id: ids.get(name),
					organizationId: org.id,
					name,
					title,
					department,
					location,
					startDate,
					email,
					managerId: manager ? (ids.get(manager) ?? null) : null,
					...personKeys({ name, title, department, location, email })
				};
			})
		);
	});
}

/** "Siobhán O'Brien" → siobhan.obrien@acme.example, "Anne-Marie Dubois" → anne-marie.dubois@acme.example */
function demoEmail(name: string): string {
	const words = normalizeName(name).replace(/'/g, '').split(' ');
	return `${words[0]}.${words.slice(1).join('')}@${DEMO_DOMAIN}`;
}
