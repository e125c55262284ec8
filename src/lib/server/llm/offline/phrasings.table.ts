/**
 * The rows of the phrasing table (phrasings.test.ts), on the demo organization. Every phrasing the
 * issue quotes is here, marked "issue". A row: the message, the messages before it in the same
 * conversation, extra people, and what the assistant does: its tool calls (`calls`: all of them,
 * `first`: the first ones) and what its answer says.
 */
import { expect } from 'vitest';
import type { PersonRow } from '../../db/people';
import { toolsForModel } from '../../tools';
import type { Exchange, ExtraPerson } from '../../../../../tests/helpers/offline-conversation';

type Call = [name: string, args: Record<string, unknown>];
export type Row = {
	say: string;
	before?: string[];
	extra?: ExtraPerson[];
	calls?: Call[];
	first?: Call[];
	noCalls?: true;
	answer?: (string | RegExp)[];
	not?: (string | RegExp)[];
	check?: (result: { exchange: Exchange; ids: Map<string, string>; people: PersonRow[] }) => void;
};

/** A second Jane Smith, for telling namesakes apart. */
const JANE_ENGINEER: ExtraPerson = { key: 'Jane Smith (Engineer)', name: 'Jane Smith', title: 'Software Engineer', manager: 'Marcus Johnson', department: 'Engineering', location: 'Austin', email: 'jane.s2@acme.example' };
const JANE_DESIGN: ExtraPerson = { key: 'Jane Smith (Design)', name: 'Jane Smith', title: 'Product Designer', manager: 'Hannah Müller', department: 'Design', location: 'London', email: 'jane.design@acme.example' };

const search = (query: string): Call => ['searchPeople', { query, limit: 50 }];
const everyone: Call[] = [['getOrgStats', {}], ['getReports', { person: '@Margaret Chen', depth: 'all' }]];
const takesStartDate = toolsForModel().some(
	(tool) => tool.type === 'function' && tool.function.name === 'addUser' && 'startDate' in ((tool.function.parameters?.properties ?? {}) as object)
);
/** The start date goes to the tool when it takes one; otherwise the answer says it was not recorded. */
const startDate = (day: string) => (takesStartDate ? { startDate: day } : {});
const startDateNote = (day: string) => (takesStartDate ? day : `I couldn't record the start date (${day})`);

const MANAGERS = ['Margaret Chen', 'David Okafor', "Siobhán O'Brien", 'Anne-Marie Dubois', 'Robert Kim', 'Priya Patel', 'José García', 'Hannah Müller', 'Jane Smith', 'Marcus Johnson', "Liam O'Connor", 'Grace Lee', 'Lucas Bernard', 'Laura Schmidt'];
const ENGINEERING = ['David Okafor', 'José García', 'Jane Smith', 'Marcus Johnson', 'Alex Rivera', 'Wei Zhang', 'Fatima Al-Sayed', 'Tom Becker', 'Olivia Brown', 'Raj Mehta', 'Chloé Martin', 'Jonas Berg', 'Daniel Weber'];

const named = (people: PersonRow[], name: string) => people.filter((person) => person.name === name);
const managerOf = (people: PersonRow[], name: string) => people.find((person) => person.id === named(people, name)[0]?.managerId)?.name;

export const ROWS: Row[] = [
	// ---- Adding one person, with the clauses that become fields ----
	{ say: 'Add John Doe as a developer under Jane Smith', calls: [['addUser', { name: 'John Doe', title: 'Developer', manager: 'Jane Smith' }]], answer: ['Added **John Doe** as Developer, reporting to **Jane Smith** (Engineering Manager).'] },
	{ say: 'Hire Anne-Marie Dubois as senior software engineer reporting to Jane Smith', calls: [['addUser', { name: 'Anne-Marie Dubois', title: 'Senior Software Engineer', manager: 'Jane Smith' }]], answer: ['has the same name'] },
	{ say: "Add Liam Byrne, a product designer, to Hannah's team", calls: [['addUser', { name: 'Liam Byrne', title: 'Product Designer', manager: 'Hannah' }]], answer: ['**Hannah Müller**'] },
	{ say: 'New hire: Ines Costa, Data Analyst, reports to Robert Kim', calls: [['addUser', { name: 'Ines Costa', title: 'Data Analyst', manager: 'Robert Kim' }]] },
	{ say: 'Please add John Doe as a developer in Engineering under Jane Smith.', calls: [['addUser', { name: 'John Doe', title: 'Developer', department: 'Engineering', manager: 'Jane Smith' }]] },
	{ say: 'add priya shah as a qa engineer under Marcus Johnson with email priya.shah@acme.example', calls: [['addUser', { name: 'Priya Shah', title: 'QA Engineer', manager: 'Marcus Johnson', email: 'priya.shah@acme.example' }]], answer: ['email priya.shah\\@acme.example'] },
	{ say: 'Hire Li Wei as VP of Sales, reporting to Margaret Chen, based in Berlin', calls: [['addUser', { name: 'Li Wei', title: 'VP of Sales', manager: 'Margaret Chen', location: 'Berlin' }]], answer: ['location Berlin'] },
	{ say: 'Add Tom Baker as an intern under Jane', calls: [['addUser', { name: 'Tom Baker', title: 'Intern', manager: 'Jane' }]] },
	{ say: 'add ana ruiz as designer under hannah müller in the berlin office', calls: [['addUser', { name: 'Ana Ruiz', title: 'Designer', manager: 'hannah müller', location: 'Berlin' }]] },
	{ say: 'Onboard Kai Sato as Site Reliability Engineer, who reports to Marcus Johnson', calls: [['addUser', { name: 'Kai Sato', title: 'Site Reliability Engineer', manager: 'Marcus Johnson' }]] },
	{ say: 'Add Mo Diallo as Account Executive under Grace Lee, located in Chicago', calls: [['addUser', { name: 'Mo Diallo', title: 'Account Executive', manager: 'Grace Lee', location: 'Chicago' }]] },
	{ say: 'Add Eva Novak as Recruiter on the People team under Priya Patel', calls: [['addUser', { name: 'Eva Novak', title: 'Recruiter', department: 'People', manager: 'Priya Patel' }]] },
	{ say: 'Add Sara Kim as a frontend developer under Jane Smith with email sara.kim@acme.example and based in Berlin', calls: [['addUser', { name: 'Sara Kim', title: 'Frontend Developer', manager: 'Jane Smith', email: 'sara.kim@acme.example', location: 'Berlin' }]] },
	{ say: 'Add Ann Lee as a designer under Hannah Müller based in Berlin starting March 1', calls: [['addUser', { name: 'Ann Lee', title: 'Designer', manager: 'Hannah Müller', location: 'Berlin', ...startDate('2025-03-01') }]], answer: [startDateNote('2025-03-01'), 'location Berlin'], not: ['Designer Based', 'Starting'] }, // issue
	{ say: 'Add Ann Lee as a designer under Hannah with email ann.lee@acme.example, based in Berlin, starting March 1', calls: [['addUser', { name: 'Ann Lee', title: 'Designer', manager: 'Hannah', email: 'ann.lee@acme.example', location: 'Berlin', ...startDate('2025-03-01') }]] }, // issue
	{ say: 'Hire Omar Farouk as Controller under Robert Kim, starting on 2025-04-07', calls: [['addUser', { name: 'Omar Farouk', title: 'Controller', manager: 'Robert Kim', ...startDate('2025-04-07') }]], answer: [startDateNote('2025-04-07')] },
	{ say: 'Add Lea Roth as Analyst under Laura Schmidt, who starts on 3rd of June', calls: [['addUser', { name: 'Lea Roth', title: 'Analyst', manager: 'Laura Schmidt', ...startDate('2025-06-03') }]] },
	{ say: 'Add Ann Lee as Engineer under Jane Smith with email not-an-email', noCalls: true, answer: ['"not-an-email" is not a valid email address', "didn't add anyone"], check: ({ people }) => expect(named(people, 'Ann Lee')).toEqual([]) }, // issue
	{ say: 'Add Ann Lee as Engineer under Jane Smith with email ann at acme', noCalls: true, answer: ['is not a valid email address'] },
	{ say: 'Add Ann Lee as Engineer under Jane Smith starting someday soon', noCalls: true, answer: ["couldn't read the start date"] },
	{ say: 'Add John Doe under Jane Smith', noCalls: true, answer: ['To add **John Doe** I need a job title too'] },
	{ say: 'Add Eve Adams as <script>alert(1)</script> **Lead** under Jane Smith', calls: [['addUser', { name: 'Eve Adams', title: '<script>alert(1)</script> **Lead**', manager: 'Jane Smith' }]], answer: ['\\<script\\>alert(1)\\</script\\> \\*\\*Lead\\*\\*'] },
	{ say: 'add Zed Quinn as Engineer under Nobody Atall', calls: [['addUser', { name: 'Zed Quinn', title: 'Engineer', manager: 'Nobody Atall' }]], answer: [/No one named "Nobody Atall"/], check: ({ people }) => expect(named(people, 'Zed Quinn')).toEqual([]) },
	{ say: 'Add Pat Lee as Engineer under Daniel', calls: [['addUser', { name: 'Pat Lee', title: 'Engineer', manager: 'Daniel' }]], answer: ['More than one person matches', '**Daniel Park**', '**Daniel Weber**', 'Which one did you mean?'] },

	// ---- Several people in one request ----
	{ say: 'Add Anna Kowalski and Ben Ortiz as Software Engineers under Jane Smith', calls: [['addUser', { name: 'Anna Kowalski', title: 'Software Engineer', manager: 'Jane Smith' }], ['addUser', { name: 'Ben Ortiz', title: 'Software Engineer', manager: 'Jane Smith' }]], answer: ['Added **Anna Kowalski** as Software Engineer', 'Added **Ben Ortiz** as Software Engineer'], check: ({ people }) => expect(people.filter((person) => person.name.includes(' and '))).toEqual([]) }, // issue
	{ say: 'add A and B as engineers under Jane', calls: [['addUser', { name: 'A', title: 'Engineer', manager: 'Jane' }], ['addUser', { name: 'B', title: 'Engineer', manager: 'Jane' }]] }, // issue
	{ say: 'Add Anna Kowalski, Ben Ortiz and Carla Diaz as designers under Hannah Müller', calls: [['addUser', { name: 'Anna Kowalski', title: 'Designer', manager: 'Hannah Müller' }], ['addUser', { name: 'Ben Ortiz', title: 'Designer', manager: 'Hannah Müller' }], ['addUser', { name: 'Carla Diaz', title: 'Designer', manager: 'Hannah Müller' }]] },
	{ say: 'hire both Ivy Chen & Leo Park as Account Executives reporting to Grace Lee', calls: [['addUser', { name: 'Ivy Chen', title: 'Account Executive', manager: 'Grace Lee' }], ['addUser', { name: 'Leo Park', title: 'Account Executive', manager: 'Grace Lee' }]] },
	{ say: 'Add Anna Kowalski as engineer and Ben Ortiz as designer under Jane Smith', calls: [['addUser', { name: 'Anna Kowalski', title: 'Engineer', manager: 'Jane Smith' }], ['addUser', { name: 'Ben Ortiz', title: 'Designer', manager: 'Jane Smith' }]] },
	{ say: 'Add Ruth Lane and Mark Hale as SREs under Marcus Johnson', calls: [['addUser', { name: 'Ruth Lane', title: 'SRE', manager: 'Marcus Johnson' }], ['addUser', { name: 'Mark Hale', title: 'SRE', manager: 'Marcus Johnson' }]] },
	{ say: 'Add Ruth Lane and Mark Hale as Heads of Design under David Okafor', calls: [['addUser', { name: 'Ruth Lane', title: 'Head of Design', manager: 'David Okafor' }], ['addUser', { name: 'Mark Hale', title: 'Head of Design', manager: 'David Okafor' }]] },
	{ say: 'Add Ruth Lane and Mark Hale as Sales Directors in the Dublin office under Siobhán', calls: [['addUser', { name: 'Ruth Lane', title: 'Sales Director', manager: 'Siobhán', location: 'Dublin' }], ['addUser', { name: 'Mark Hale', title: 'Sales Director', manager: 'Siobhán', location: 'Dublin' }]] },
	{ say: 'Add Ruth Lane and Mark Hale as engineers under Jane with email team@acme.example', noCalls: true, answer: ['cannot share one email address'] },
	{ say: 'Add Ruth Lane and Mark Hale under Jane', noCalls: true, answer: ['need a job title'] },

	// ---- Open roles ----
	{ say: 'add an open Senior Engineer role under Jane', calls: [['addUser', { name: '', title: 'Senior Engineer', manager: 'Jane', vacancy: true }]], answer: ['Added an open **Senior Engineer** role, reporting to **Jane Smith**'], check: ({ people }) => expect(people.filter((person) => person.vacancy).map((person) => person.title)).toEqual(['Senior Engineer']) }, // issue
	{ say: 'Open a Product Designer position under Hannah Müller', calls: [['addUser', { name: '', title: 'Product Designer', manager: 'Hannah Müller', vacancy: true }]] },
	{ say: 'add a vacancy for a data engineer under Marcus', calls: [['addUser', { name: '', title: 'Data Engineer', manager: 'Marcus', vacancy: true }]] },
	{ say: 'Create an open role for an Account Executive reporting to Grace Lee, based in Chicago', calls: [['addUser', { name: '', title: 'Account Executive', manager: 'Grace Lee', location: 'Chicago', vacancy: true }]] },
	{ say: 'Add a new vacant Recruiter position under Priya', calls: [['addUser', { name: '', title: 'Recruiter', manager: 'Priya', vacancy: true }]] },

	// ---- Compound requests ----
	{ say: 'Move Raj Mehta under Jane Smith and change his title to Senior SRE', calls: [['moveUser', { person: 'Raj Mehta', newManager: 'Jane Smith' }], ['updateUser', { person: 'Raj Mehta', changes: { title: 'Senior SRE' } }]], answer: ['Moved **Raj Mehta**', 'Title: Site Reliability Engineer → **Senior SRE**'], check: ({ people }) => expect(managerOf(people, 'Raj Mehta')).toBe('Jane Smith') }, // issue
	{ say: 'move X under Y and make him Staff Engineer', calls: [['moveUser', { person: 'X', newManager: 'Y' }], ['updateUser', { person: 'X', changes: { title: 'Staff Engineer' } }]] }, // issue
	{ say: 'Move Tom Becker under Marcus Johnson and make him Staff Engineer', calls: [['moveUser', { person: 'Tom Becker', newManager: 'Marcus Johnson' }], ['updateUser', { person: 'Tom Becker', changes: { title: 'Staff Engineer' } }]], check: ({ people }) => expect(named(people, 'Tom Becker')[0]).toMatchObject({ title: 'Staff Engineer' }) },
	{ say: 'Move Wei Zhang to Marcus, then promote her to Staff Engineer', calls: [['moveUser', { person: 'Wei Zhang', newManager: 'Marcus' }], ['updateUser', { person: 'Wei Zhang', changes: { title: 'Staff Engineer' } }]] },
	{ say: 'Add Nina Berg as a Designer under Hannah Müller and move Sam Taylor under her', calls: [['addUser', { name: 'Nina Berg', title: 'Designer', manager: 'Hannah Müller' }], ['moveUser', { person: 'Sam Taylor', newManager: 'Nina Berg' }]], check: ({ people }) => expect(managerOf(people, 'Sam Taylor')).toBe('Nina Berg') },
	{ say: "Change Tom Becker's title to Lead Engineer and his location to Munich", calls: [['updateUser', { person: 'Tom Becker', changes: { title: 'Lead Engineer', location: 'Munich' } }]] },
	{ say: "Set Alex Rivera's department to Platform, title to Platform Engineer", calls: [['updateUser', { person: 'Alex Rivera', changes: { department: 'Platform', title: 'Platform Engineer' } }]] },
	{ say: 'Remove Yuki Tanaka and add Ola Berg as Executive Assistant under Margaret Chen', calls: [['removeUser', { person: 'Yuki Tanaka' }], ['addUser', { name: 'Ola Berg', title: 'Executive Assistant', manager: 'Margaret Chen' }]] },
	{ say: 'Who is Tom Becker and who does he report to?', calls: [['getUserInformation', { person: 'Tom Becker' }], ['getChainOfCommand', { person: 'Tom Becker' }]], answer: ['- Title: Software Engineer', 'Chain of command: **Tom Becker** → **Jane Smith**'] },
	{ say: 'Delete Jane Smith and reassign her reports to José García', calls: [['removeUser', { person: 'Jane Smith', reassignReportsTo: 'José García' }]], answer: ['now report to **José García**'] },
	{ say: 'Remove Marcus Johnson and move his reports to Jane Smith', calls: [['removeUser', { person: 'Marcus Johnson', reassignReportsTo: 'Jane Smith' }]] },

	// ---- Changing one person ----
	{ say: "Change Tom Becker's title to senior software engineer", calls: [['updateUser', { person: 'Tom Becker', changes: { title: 'Senior Software Engineer' } }]], answer: ['Updated **Tom Becker**', '**Senior Software Engineer**'] },
	{ say: 'Promote Wei Zhang to Staff Engineer', calls: [['updateUser', { person: 'Wei Zhang', changes: { title: 'Staff Engineer' } }]] },
	{ say: "Set José García's department to platform", calls: [['updateUser', { person: 'José García', changes: { department: 'Platform' } }]] },
	{ say: "Update Tom's email to tom.b@acme.example", calls: [['updateUser', { person: 'Tom', changes: { email: 'tom.b@acme.example' } }]] },
	{ say: "Change Tom Becker's email to not-an-email", calls: [['updateUser', { person: 'Tom Becker', changes: { email: 'not-an-email' } }]], answer: [/couldn't make that change.*valid email address/] },
	{ say: "Change Anne-Marie Dubois's location to Lyon", calls: [['updateUser', { person: 'Anne-Marie Dubois', changes: { location: 'Lyon' } }]] },
	{ say: 'Move Olivia Brown to the Design department', calls: [['updateUser', { person: 'Olivia Brown', changes: { department: 'Design' } }]] },
	{ say: 'Rename Jonas Berg to Jonas Bergström', calls: [['updateUser', { person: 'Jonas Berg', changes: { name: 'Jonas Bergström' } }]] },
	{ say: 'Make Fatima Al-Sayed a Senior Software Engineer', calls: [['updateUser', { person: 'Fatima Al-Sayed', changes: { title: 'Senior Software Engineer' } }]] },
	{ say: 'give Chloé Martin the title Staff Engineer', calls: [['updateUser', { person: 'Chloé Martin', changes: { title: 'Staff Engineer' } }]] },
	{ say: 'Daniel Weber is now based in Hamburg', calls: [['updateUser', { person: 'Daniel Weber', changes: { location: 'Hamburg' } }]] },
	{ say: "Nora Lindqvist's title is now Senior UX Researcher", calls: [['updateUser', { person: 'Nora Lindqvist', changes: { title: 'Senior UX Researcher' } }]] },

	// ---- Moving ----
	{ say: 'Move Tom Becker under Marcus Johnson', calls: [['moveUser', { person: 'Tom Becker', newManager: 'Marcus Johnson' }]], answer: ['Moved **Tom Becker**: they now report to **Marcus Johnson** (Engineering Manager), instead of **Jane Smith**.'] },
	{ say: 'Tom Becker now reports to Marcus', calls: [['moveUser', { person: 'Tom Becker', newManager: 'Marcus' }]] },
	{ say: 'Make Alex Rivera report to Marcus Johnson', calls: [['moveUser', { person: 'Alex Rivera', newManager: 'Marcus Johnson' }]] },
	{ say: "Move Sam Taylor to Jane's team", calls: [['moveUser', { person: 'Sam Taylor', newManager: 'Jane' }]] },
	{ say: "Change Raj Mehta's manager to Jane Smith", calls: [['moveUser', { person: 'Raj Mehta', newManager: 'Jane Smith' }]] },
	{ say: 'Move José García under Tom Becker', calls: [['moveUser', { person: 'José García', newManager: 'Tom Becker' }]], answer: [/couldn't make that change/, 'Nothing was changed'] },
	{ say: 'Transfer Ana Souza over to Robert Kim', calls: [['moveUser', { person: 'Ana Souza', newManager: 'Robert Kim' }]] },
	{ say: 'Jonas Berg should report to Jane Smith from now on', calls: [['moveUser', { person: 'Jonas Berg', newManager: 'Jane Smith' }]], answer: ['they now report to **Jane Smith**'] },

	// ---- Removing ----
	{ say: 'Remove Marcus Johnson', calls: [['removeUser', { person: 'Marcus Johnson' }]], answer: ['Removed **Marcus Johnson** (Engineering Manager) from the chart.', 'Their 5 reports'] }, // issue
	{ say: 'Remove Tom Becker', calls: [['removeUser', { person: 'Tom Becker' }]], answer: ['Removed **Tom Becker** (Software Engineer) from the chart.'] },
	{ say: 'Fatima Al-Sayed left the company', calls: [['removeUser', { person: 'Fatima Al-Sayed' }]] },
	{ say: 'Remove Tom Becker and Alex Rivera', calls: [['removeUser', { person: 'Tom Becker' }], ['removeUser', { person: 'Alex Rivera' }]], check: ({ people }) => expect(people.filter((person) => ['Tom Becker', 'Alex Rivera'].includes(person.name))).toEqual([]) },
	{ extra: [JANE_DESIGN], say: 'Remove Jane Smith (Design) and Tom Becker', calls: [search('Jane Smith'), ['removeUser', { person: '@Jane Smith (Design)' }], ['removeUser', { person: 'Tom Becker' }]] },
	{ say: 'Move Raj Mehta, Olivia Brown and Jonas Berg under Jane Smith', calls: [['moveUser', { person: 'Raj Mehta', newManager: 'Jane Smith' }], ['moveUser', { person: 'Olivia Brown', newManager: 'Jane Smith' }], ['moveUser', { person: 'Jonas Berg', newManager: 'Jane Smith' }]] },
	{ say: 'Delete Nobody Special', calls: [['removeUser', { person: 'Nobody Special' }]], answer: [/No one named "Nobody Special"/] },

	// ---- Dotted lines ----
	{ say: 'Raj also reports to Marcus (dotted line)', calls: [['getUserInformation', { person: 'Raj' }], ['getUserInformation', { person: 'Marcus' }], ['updateUser', { person: '@Raj Mehta', changes: { dottedLineManagerIds: ['@Marcus Johnson'] } }]], answer: ['**Raj Mehta** now also reports to **Marcus Johnson** (Engineering Manager) on a dotted line.', '**Marcus Johnson** is their solid-line manager too.'], check: ({ people, ids }) => expect(named(people, 'Raj Mehta')[0].dottedLineManagerIds).toEqual([ids.get('Marcus Johnson')]) }, // issue
	{ say: 'Raj Mehta also reports to Jane Smith', calls: [['getUserInformation', { person: 'Raj Mehta' }], ['getUserInformation', { person: 'Jane Smith' }], ['updateUser', { person: '@Raj Mehta', changes: { dottedLineManagerIds: ['@Jane Smith'] } }]], answer: ['Their solid-line manager is still **Marcus Johnson**'] },
	{ say: 'Add a dotted line from Sam Taylor to Jane Smith', calls: [['getUserInformation', { person: 'Sam Taylor' }], ['getUserInformation', { person: 'Jane Smith' }], ['updateUser', { person: '@Sam Taylor', changes: { dottedLineManagerIds: ['@Jane Smith'] } }]] },
	{ say: 'Sam Taylor has a dotted line to Marcus Johnson', before: ['Add a dotted line from Sam Taylor to Jane Smith'], calls: [['getUserInformation', { person: 'Sam Taylor' }], ['getUserInformation', { person: 'Marcus Johnson' }], ['updateUser', { person: '@Sam Taylor', changes: { dottedLineManagerIds: ['@Jane Smith', '@Marcus Johnson'] } }]], answer: ['They have 2 dotted-line managers now.'] },
	{ say: 'Remove the dotted line from Sam Taylor to Jane Smith', before: ['Add a dotted line from Sam Taylor to Jane Smith'], calls: [['getUserInformation', { person: 'Sam Taylor' }], ['getUserInformation', { person: 'Jane Smith' }], ['updateUser', { person: '@Sam Taylor', changes: { dottedLineManagerIds: [] } }]], answer: ['no longer reports to **Jane Smith**'] },
	{ say: 'Sam Taylor no longer reports to Jane Smith (dotted line)', calls: [['getUserInformation', { person: 'Sam Taylor' }], ['getUserInformation', { person: 'Jane Smith' }]], answer: ['has no dotted line to **Jane Smith**', 'nothing changed'] },
	{ say: 'Make Jane Smith a dotted-line manager of Nora Lindqvist', calls: [['getUserInformation', { person: 'Nora Lindqvist' }], ['getUserInformation', { person: 'Jane Smith' }], ['updateUser', { person: '@Nora Lindqvist', changes: { dottedLineManagerIds: ['@Jane Smith'] } }]] },
	{ say: 'he also reports to Jane Smith (dotted line)', before: ['Who is Ethan Wright?'], calls: [['getUserInformation', { person: '@Ethan Wright' }], ['getUserInformation', { person: 'Jane Smith' }], ['updateUser', { person: '@Ethan Wright', changes: { dottedLineManagerIds: ['@Jane Smith'] } }]], answer: ['**Ethan Wright** now also reports to **Jane Smith**', 'Their solid-line manager is still **Hannah Müller**'] },
	{ say: 'Raj also reports to Marcus (dotted line)', before: ['Raj also reports to Marcus (dotted line)'], calls: [['getUserInformation', { person: 'Raj' }], ['getUserInformation', { person: 'Marcus' }]], answer: ['already reports to **Marcus Johnson** (Engineering Manager) on a dotted line; nothing changed.'] },

	// ---- Looking people up ----
	{ say: 'Who is Jane Smith?', calls: [['getUserInformation', { person: 'Jane Smith' }]], answer: ['**Jane Smith**', '- Title: Engineering Manager', '- Reports to: **José García** (Director of Engineering)', '- Direct reports (4):'] },
	{ say: "Tell me about Siobhán O'Brien", calls: [['getUserInformation', { person: "Siobhán O'Brien" }]], answer: ['- Location: Dublin'] },
	{ say: "What is Anne-Marie Dubois's email?", calls: [['getUserInformation', { person: 'Anne-Marie Dubois' }]], answer: ['- Email: anne-marie.dubois\\@acme.example'] },
	{ say: 'who is siobhán o’brien', calls: [['getUserInformation', { person: "siobhán o'brien" }]] },
	{ say: 'Look up Tom', calls: [['getUserInformation', { person: 'Tom' }]], answer: ['**Tom Becker**'] },
	{ say: 'Who is the CTO?', calls: [['searchPeople', { query: 'Chief Technology Officer' }]], answer: ['**David Okafor**'] },
	{ say: 'Who is Zed Nobody?', calls: [['getUserInformation', { person: 'Zed Nobody' }]], answer: [/^No one named "Zed Nobody"/] },
	{ say: 'Where is Tom Becker based?', calls: [['getUserInformation', { person: 'Tom Becker' }]], answer: ['- Location: Berlin'] },
	{ say: 'Who reports to Jane?', calls: [['getReports', { person: 'Jane', depth: 'direct' }]], answer: ['**Jane Smith** (Engineering Manager) has 4 direct reports:', '**Alex Rivera**', '**Tom Becker**'] }, // issue
	{ say: "Show me Marcus's reports", calls: [['getReports', { person: 'Marcus', depth: 'direct' }]], answer: ['has 5 direct reports'] },
	{ say: 'Who does Hannah Müller manage?', calls: [['getReports', { person: 'Hannah Müller', depth: 'direct' }]] },
	{ say: 'Everyone under José García', calls: [['getReports', { person: 'José García', depth: 'all' }]], answer: ['11 people are under **José García**', '- **Jane Smith** (Engineering Manager)\n  - **Alex Rivera**'] },
	{ say: "Show David Okafor's whole org", calls: [['getReports', { person: 'David Okafor', depth: 'all' }]] },
	{ say: 'Does Tom Becker have any reports?', calls: [['getReports', { person: 'Tom Becker', depth: 'direct' }]], answer: ['has no direct reports'] },
	{ say: "Who is Tom Becker's manager?", calls: [['getChainOfCommand', { person: 'Tom Becker' }]], answer: ['**Tom Becker** (Software Engineer) reports to **Jane Smith** (Engineering Manager).'] },
	{ say: 'Who does Raj Mehta report to?', calls: [['getChainOfCommand', { person: 'Raj Mehta' }]], answer: ['Chain of command: **Raj Mehta** → **Marcus Johnson** → **José García** → **David Okafor** → **Margaret Chen**'] },
	{ say: 'Chain of command for Kevin Nguyen', calls: [['getChainOfCommand', { person: 'Kevin Nguyen' }]] },
	{ say: "Who is Margaret Chen's boss?", calls: [['getChainOfCommand', { person: 'Margaret Chen' }]], answer: ['is at the top of the chart'] },
	{ say: 'Find people in Design', calls: [['searchPeople', { query: 'Design' }]], answer: ['**Hannah Müller**', '**Sam Taylor**'] },
	{ say: 'List all designers', calls: [['searchPeople', { query: 'designer' }]], answer: ['**Ethan Wright**', '**Zoë Anderson**'] },
	{ say: 'find engineers', calls: [['searchPeople', { query: 'engineer' }], ['searchPeople', { query: 'engineer', limit: 14 }]], answer: ['Found 14 people matching "engineer"', '**Daniel Weber**', '**Patrick Murphy**', '**David Okafor**'], not: ['Showing the first'] },
	{ say: 'Search for García', calls: [['searchPeople', { query: 'García' }]] },
	{ say: 'How many engineers are there?', calls: [['searchPeople', { query: 'engineer' }], ['searchPeople', { query: 'engineer', limit: 14 }]], answer: ['Found 14 people'] },
	{ say: 'How many people work here?', calls: [['getOrgStats', {}]], answer: ['**Acme Corporation** has 40 people'] },
	{ say: "What's our headcount?", calls: [['getOrgStats', {}]] },
	{ say: 'What is the average span of control?', calls: [['getOrgStats', {}]], answer: ['direct reports on average'] },

	// ---- Managers and spans ----
	{ say: 'Who are the managers?', calls: everyone, answer: ['14 people have direct reports:', ...MANAGERS.map((name) => `**${name}**`), '**Margaret Chen** (Chief Executive Officer): 6 direct reports'] }, // issue
	{ say: 'who are the managers', calls: everyone, answer: ['14 people have direct reports'] }, // issue
	{ say: 'List all managers', calls: everyone, answer: ['14 people have direct reports'] },
	{ say: 'How many managers are there?', calls: everyone, answer: ['14 people have direct reports', '**Laura Schmidt**'] },
	{ say: 'Which people have direct reports?', calls: everyone, answer: ['14 people'] },
	{ say: "What's Jane Smith's span of control?", calls: [['getReports', { person: 'Jane Smith', depth: 'all' }]], answer: ['**Jane Smith** (Engineering Manager) has a span of control of 4: 4 direct reports.', '**Wei Zhang**'], not: ['Acme Corporation', 'on average'] }, // issue
	{ say: "X's span of control", calls: [['getReports', { person: 'X', depth: 'all' }]], answer: ['span of control of'], not: ['Acme Corporation', 'on average'] }, // issue
	{ say: 'span of control for José García', calls: [['getReports', { person: 'José García', depth: 'all' }]], answer: ['span of control of 2', 'Counting every level below them, 11 people report up to them, over 2 levels.'] },
	{ say: "How big is Marcus Johnson's team?", calls: [['getReports', { person: 'Marcus Johnson', depth: 'all' }]], answer: ['span of control of 5'] },
	{ say: 'Who has the most reports?', calls: everyone, answer: ['**Margaret Chen** (Chief Executive Officer) has the most direct reports: 6.', '**Marcus Johnson** (Engineering Manager): 5'] }, // issue
	{ say: 'who has the biggest team', calls: everyone, answer: ['has the most direct reports: 6'] },
	{ say: 'Which manager has the most direct reports?', calls: everyone, answer: ['**Margaret Chen**'] },
	{ say: 'Who has no reports?', calls: everyone, answer: ['26 people have no direct reports:', '**Tom Becker**', '**Yuki Tanaka**'], not: ['**Jane Smith**'] }, // issue
	{ say: "Who doesn't manage anyone?", calls: everyone, answer: ['26 people have no direct reports'] },
	{ say: 'List the individual contributors', calls: everyone, answer: ['26 people'] },
	{ say: "Who are Tom Becker's peers?", calls: [['getUserInformation', { person: 'Tom Becker' }], ['getReports', { person: '@Jane Smith', depth: 'direct' }]], answer: ['**Tom Becker** (Software Engineer) has 3 peers, who also report to **Jane Smith** (Engineering Manager):', '**Alex Rivera**', '**Fatima Al-Sayed**', '**Wei Zhang**'], not: ['- **Tom Becker**'] }, // issue
	{ say: "X's peers", first: [['getUserInformation', { person: 'X' }]], answer: [/peers?/] }, // issue
	{ say: "Jane Smith's peers", calls: [['getUserInformation', { person: 'Jane Smith' }], ['getReports', { person: '@José García', depth: 'direct' }]], answer: ['has 1 peer, who also reports to **José García**', '**Marcus Johnson**'] },
	{ say: 'Who has the same manager as Raj Mehta?', calls: [['getUserInformation', { person: 'Raj Mehta' }], ['getReports', { person: '@Marcus Johnson', depth: 'direct' }]], answer: ['4 peers'] },
	{ say: "Margaret Chen's colleagues", calls: [['getUserInformation', { person: 'Margaret Chen' }]], answer: ['at the top of the chart', 'no peers'] },

	// ---- Places and counts that list everyone they count ----
	{ say: "Who's in the London office?", calls: [['getOrgStats', {}], search('London')], answer: ['2 people are in the London office:', '**Ahmed Hassan** (Account Executive), Sales', '**Zoë Anderson** (Brand Designer), Marketing'] }, // issue
	{ say: 'Who is in the Berlin office?', calls: [['getOrgStats', {}], search('Berlin')], answer: ['4 people are in the Berlin office:', '**Hannah Müller**', '**Tom Becker**', '**Daniel Weber**', '**Sam Taylor**'] },
	{ say: 'who is based in Paris', calls: [['getOrgStats', {}], search('Paris')], answer: ['4 people are in the Paris office'] },
	{ say: 'Who works out of the Dublin office?', calls: [['getOrgStats', {}], search('Dublin')], answer: ["**Siobhán O'Brien**", "**Liam O'Connor**"] },
	{ say: 'How many people are in Engineering?', calls: [['getOrgStats', {}], search('Engineering')], answer: ['13 people are in the Engineering department:', ...ENGINEERING.map((name) => `**${name}**`)], not: ['Showing'] }, // issue
	{ say: 'How many people are in the Design department?', calls: [['getOrgStats', {}], search('Design')], answer: ['4 people are in the Design department:', '**Nora Lindqvist**'], not: ['**Zoë Anderson**'] },
	{ say: 'how many people work in Berlin', calls: [['getOrgStats', {}], search('Berlin')], answer: ['4 people are in the Berlin office'] },
	{ say: 'How many people are in the Sales team?', calls: [['getOrgStats', {}], search('Sales')], answer: ['8 people are in the Sales department'] },
	{ say: "Who's in the Atlantis office?", calls: [['getOrgStats', {}], search('Atlantis')], answer: ['No one is in the Atlantis office.'] },
	{ say: 'How many people are in the org?', calls: [['getOrgStats', {}]], answer: ['40 people'] },
	{ say: 'Who works in Marketing?', calls: [['searchPeople', { query: 'Marketing' }]], answer: ['Found 5 people matching "Marketing"', '**Noah Williams**'] },

	// ---- Pronouns and follow-ups from the conversation ----
	{ before: ['Who is Tom Becker?'], say: 'Move him to Marcus', calls: [['moveUser', { person: '@Tom Becker', newManager: 'Marcus' }]], answer: ['Moved **Tom Becker**: they now report to **Marcus Johnson**'], check: ({ people }) => expect(managerOf(people, 'Tom Becker')).toBe('Marcus Johnson') }, // issue
	{ before: ['Who is Tom Becker?'], say: 'move him to Marcus', calls: [['moveUser', { person: '@Tom Becker', newManager: 'Marcus' }]] }, // issue
	{ before: ['Who is Jane Smith?'], say: 'and her manager?', calls: [['getChainOfCommand', { person: '@Jane Smith' }]], answer: ['**Jane Smith** (Engineering Manager) reports to **José García**'] }, // issue
	{ before: ['Who is Jane Smith?'], say: 'Who reports to her?', calls: [['getReports', { person: '@Jane Smith', depth: 'direct' }]], answer: ['4 direct reports'] },
	{ before: ['Who is Tom Becker?'], say: 'change his title to Staff Engineer', calls: [['updateUser', { person: '@Tom Becker', changes: { title: 'Staff Engineer' } }]] },
	{ before: ['Who is Tom Becker?'], say: 'Remove him', calls: [['removeUser', { person: '@Tom Becker' }]], check: ({ people }) => expect(named(people, 'Tom Becker')).toEqual([]) },
	{ before: ['Who is Tom Becker?'], say: 'What about Wei Zhang?', calls: [['getUserInformation', { person: 'Wei Zhang' }]], answer: ['- Title: Senior Software Engineer'] },
	{ before: ['Who reports to Jane Smith?'], say: 'and Marcus?', calls: [['getReports', { person: 'Marcus', depth: 'direct' }]], answer: ['has 5 direct reports'] },
	{ before: ["What's Jane Smith's span of control?"], say: 'how about José García', calls: [['getReports', { person: 'José García', depth: 'all' }]], answer: ['span of control of 2'] },
	{ before: ['Who is Tom Becker?', 'Who is Wei Zhang?'], say: 'Who is her manager?', calls: [['getChainOfCommand', { person: '@Wei Zhang' }]] },
	{ before: ['Add John Doe as a developer under Jane Smith'], say: 'Make him report to Marcus Johnson', calls: [['moveUser', { person: '@John Doe', newManager: 'Marcus Johnson' }]] },
	{ before: ["Who are Tom Becker's peers?"], say: 'And his span of control?', calls: [['getReports', { person: '@Tom Becker', depth: 'all' }]], answer: ['span of control of 0'] },
	{ before: ['Remove Tom Becker'], say: 'What about Alex Rivera?', noCalls: true, answer: ['Alex Rivera'], not: ['Removed'], check: ({ people }) => expect(named(people, 'Alex Rivera')).toHaveLength(1) },
	{ say: 'Who is her manager?', noCalls: true, answer: ['Who do you mean by "her"?'] },
	{ say: 'who reports to me', noCalls: true, answer: ['Who do you mean by "me"?'] },
	{ say: 'Move him to Marcus', noCalls: true, answer: ['Who do you mean by "him"?'] },

	// ---- Telling namesakes apart ----
	{ extra: [JANE_ENGINEER], say: 'Remove Jane Smith (Engineer)', calls: [search('Jane Smith'), ['removeUser', { person: '@Jane Smith (Engineer)' }]], answer: ['Removed **Jane Smith** (Software Engineer)'], check: ({ people }) => expect(named(people, 'Jane Smith').map((person) => person.title)).toEqual(['Engineering Manager']) }, // issue
	{ extra: [JANE_ENGINEER], say: 'Remove the Jane Smith who is an Engineer', calls: [search('Jane Smith'), ['removeUser', { person: '@Jane Smith (Engineer)' }]] }, // issue
	{ extra: [JANE_DESIGN], say: 'Who is Jane Smith in Design?', calls: [search('Jane Smith'), ['getUserInformation', { person: '@Jane Smith (Design)' }]], answer: ['- Title: Product Designer'] },
	{ extra: [JANE_DESIGN], say: 'Move Sam Taylor under the Jane Smith from Design', calls: [search('Jane Smith'), ['moveUser', { person: 'Sam Taylor', newManager: '@Jane Smith (Design)' }]] },
	{ extra: [JANE_DESIGN], say: 'Remove jane.design@acme.example', calls: [search('jane.design@acme.example'), ['removeUser', { person: '@Jane Smith (Design)' }]] },
	{ extra: [JANE_DESIGN], say: 'Who is Jane Smith (jane.design@acme.example)?', calls: [search('Jane Smith'), ['getUserInformation', { person: '@Jane Smith (Design)' }]] },
	{ extra: [JANE_DESIGN], say: 'Who reports to Jane Smith, the Engineering Manager?', calls: [search('Jane Smith'), ['getReports', { person: '@Jane Smith', depth: 'direct' }]], answer: ['4 direct reports'] },
	{ extra: [JANE_DESIGN], say: 'Remove Jane Smith (Accountant)', calls: [search('Jane Smith')], answer: ['No one named **Jane Smith** matches "Accountant"', 'Product Designer', 'Engineering Manager', 'Which one did you mean?'], check: ({ people }) => expect(named(people, 'Jane Smith')).toHaveLength(2) },
	{ extra: [JANE_DESIGN], before: ['Remove Jane Smith'], say: 'the one in Design', calls: [['removeUser', { person: '@Jane Smith (Design)' }]], check: ({ people }) => expect(named(people, 'Jane Smith').map((person) => person.title)).toEqual(['Engineering Manager']) }, // issue
	{ extra: [JANE_ENGINEER], before: ['Remove Jane Smith'], say: 'the Jane Smith who is an Engineer', calls: [search('Jane Smith'), ['removeUser', { person: '@Jane Smith (Engineer)' }]] }, // issue
	{ extra: [JANE_ENGINEER], before: ['Remove Jane Smith'], say: 'Remove Jane Smith (Engineer)', calls: [search('Jane Smith'), ['removeUser', { person: '@Jane Smith (Engineer)' }]] }, // issue
	{ extra: [JANE_DESIGN], before: ['Move Tom Becker under Jane Smith'], say: 'the Engineering Manager one', calls: [['moveUser', { person: 'Tom Becker', newManager: '@Jane Smith' }]] },
	{ extra: [JANE_DESIGN], before: ['Who is Jane Smith?'], say: 'the one based in London', calls: [search('Jane Smith'), ['getUserInformation', { person: '@Jane Smith (Design)' }]] },
	{ before: ['Who is Daniel?'], say: 'the second one', calls: [['getUserInformation', { person: '@Daniel Weber' }]], answer: ['- Title: DevOps Engineer'] }, // issue
	{ before: ['Move Tom Becker under Daniel'], say: 'The first one', calls: [['moveUser', { person: 'Tom Becker', newManager: '@Daniel Park' }]] },
	{ before: ['Add Pat Lee as Engineer under Daniel'], say: 'number 2', calls: [['addUser', { name: 'Pat Lee', title: 'Engineer', manager: '@Daniel Weber' }]] },
	{ before: ['Find people in Berlin'], say: 'the third one', calls: [['getUserInformation', { person: '@Sam Taylor' }]] },
	{ before: ['Who is Daniel?'], say: 'the fifth one', noCalls: true, answer: ['I listed only 2 people'] },
	{ say: 'the second one', noCalls: true, answer: ["I haven't listed anyone to choose from"] },
	{ before: ['Who is Daniel?'], say: 'Daniel Park', calls: [['getUserInformation', { person: 'Daniel Park' }]] },

	{ say: 'Tom Becker', calls: [['getUserInformation', { person: 'Tom Becker' }]], answer: ['- Title: Software Engineer'] },
	{ extra: [JANE_DESIGN], say: 'the Jane Smith who works in Design', calls: [search('Jane Smith'), ['getUserInformation', { person: '@Jane Smith (Design)' }]] },
	{ say: 'jane.smith@acme.example', calls: [search('jane.smith@acme.example'), ['getUserInformation', { person: '@Jane Smith' }]] },

	// ---- Undo ----
	{ before: ['Add John Doe as a developer under Jane Smith'], say: 'undo that', check: ({ exchange, people }) => { expect(exchange.calls.map((call) => call.name)).toEqual(['undoChange']); expect(exchange.calls[0].args.changeId).toMatch(/^[0-9a-f-]{36}$/); expect(named(people, 'John Doe')).toEqual([]); }, answer: ['Undone: Add John Doe'] }, // issue
	{ before: ['Add Anna Kowalski and Ben Ortiz as Software Engineers under Jane Smith'], say: 'Undo that', check: ({ exchange, people }) => { expect(exchange.calls.map((call) => call.name)).toEqual(['undoChange', 'undoChange']); expect(people.filter((person) => ['Anna Kowalski', 'Ben Ortiz'].includes(person.name))).toEqual([]); } },
	{ before: ['Remove Marcus Johnson'], say: 'undo', check: ({ people }) => { expect(named(people, 'Marcus Johnson')).toHaveLength(1); expect(managerOf(people, 'Raj Mehta')).toBe('Marcus Johnson'); } },
	{ before: ['Move Tom Becker under Marcus Johnson', 'Who is Tom Becker?'], say: 'revert that', check: ({ people }) => expect(managerOf(people, 'Tom Becker')).toBe('Jane Smith') },
	{ before: ['Move Tom Becker under Marcus Johnson', 'Move Alex Rivera under Marcus Johnson', 'undo'], say: 'undo the last change', check: ({ people }) => { expect(managerOf(people, 'Tom Becker')).toBe('Jane Smith'); expect(managerOf(people, 'Alex Rivera')).toBe('Jane Smith'); } },
	{ say: 'undo that', calls: [['undoChange', {}]], answer: ['nothing to undo'] },
	{ before: ['add an open Senior Engineer role under Jane'], say: 'please undo that', check: ({ people }) => expect(people.filter((person) => person.vacancy)).toEqual([]) },

	// ---- Replies without a tool ----
	{ say: 'hello', noCalls: true, answer: ['Hello!'] },
	{ say: 'Hi there!', noCalls: true, answer: ['Hello!'] },
	{ say: 'help', noCalls: true, answer: ['Look people up', 'Who reports to'] },
	{ say: 'What can you do?', noCalls: true, answer: ['Add John Doe'] },
	{ say: 'thanks!', noCalls: true, answer: ["You're welcome"] },
	{ say: 'Tell me a story about a robot', noCalls: true, answer: ['offline assistant', 'OPENAI_BASE_URL'] },
	{ say: "What's the weather in Paris?", noCalls: true, answer: ["can't help with that"] },
	{ say: 'Can you tidy up the Sales team a bit?', noCalls: true, answer: ["didn't understand"] },
	{ say: 'Create a quarterly report for the board', noCalls: true, answer: ["can't help with that"] }
];
