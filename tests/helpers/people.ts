/** People for unit tests of the chart and the page's stores. */
import type { Person } from '../../src/lib/protocol';

/** An engineer named "Person <id>" with no department, email or location, unless `extra` says otherwise. */
export const testPerson = (id: string, managerId: string | null, extra: Partial<Person> = {}): Person => ({
	id,
	name: `Person ${id}`,
	title: 'Engineer',
	department: null,
	email: null,
	location: null,
	managerId,
	vacancy: false,
	dottedLineManagerIds: [],
	...extra
});
