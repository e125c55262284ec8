/**
 * The demo organization's people: five levels, from the CEO to individual contributors.
 * Each entry: name, title, department, location, start date, manager's name.
 */
export type DemoPerson = [name: string, title: string, department: string, location: string, startDate: string, manager: string | null];

export const demoPeople: DemoPerson[] = [
	['Margaret Chen', 'Chief Executive Officer', 'Executive', 'San Francisco', '2012-03-05', null],
	['Yuki Tanaka', 'Executive Assistant', 'Executive', 'San Francisco', '2016-09-12', 'Margaret Chen'],
	['David Okafor', 'Chief Technology Officer', 'Engineering', 'San Francisco', '2013-01-14', 'Margaret Chen'],
	["Siobhán O'Brien", 'VP of Sales', 'Sales', 'Dublin', '2014-06-02', 'Margaret Chen'],
	['Anne-Marie Dubois', 'VP of Marketing', 'Marketing', 'Paris', '2015-02-16', 'Margaret Chen'],
	['Robert Kim', 'Chief Financial Officer', 'Finance', 'New York', '2013-10-07', 'Margaret Chen'],
	['Priya Patel', 'VP of People', 'People', 'San Francisco', '2016-04-18', 'Margaret Chen'],
	// Engineering and design, under the CTO.
	['José García', 'Director of Engineering', 'Engineering', 'Austin', '2015-08-03', 'David Okafor'],
	['Hannah Müller', 'Head of Design', 'Design', 'Berlin', '2017-03-20', 'David Okafor'],
	['Jane Smith', 'Engineering Manager', 'Engineering', 'San Francisco', '2017-11-06', 'José García'],
	['Marcus Johnson', 'Engineering Manager', 'Engineering', 'Austin', '2018-02-12', 'José García'],
	['Alex Rivera', 'Software Engineer', 'Engineering', 'San Francisco', '2021-07-19', 'Jane Smith'],
	['Wei Zhang', 'Senior Software Engineer', 'Engineering', 'San Francisco', '2019-05-06', 'Jane Smith'],
	['Fatima Al-Sayed', 'Software Engineer', 'Engineering', 'Remote', '2022-01-10', 'Jane Smith'],
	['Tom Becker', 'Software Engineer', 'Engineering', 'Berlin', '2023-04-03', 'Jane Smith'],
	['Olivia Brown', 'Senior Software Engineer', 'Engineering', 'Austin', '2019-09-23', 'Marcus Johnson'],
	['Raj Mehta', 'Site Reliability Engineer', 'Engineering', 'Austin', '2020-06-15', 'Marcus Johnson'],
	['Chloé Martin', 'Software Engineer', 'Engineering', 'Paris', '2022-10-03', 'Marcus Johnson'],
	['Jonas Berg', 'QA Engineer', 'Engineering', 'Stockholm', '2021-02-22', 'Marcus Johnson'],
	['Daniel Weber', 'DevOps Engineer', 'Engineering', 'Berlin', '2020-11-09', 'Marcus Johnson'],
	['Sam Taylor', 'Product Designer', 'Design', 'Berlin', '2021-05-17', 'Hannah Müller'],
	['Nora Lindqvist', 'UX Researcher', 'Design', 'Stockholm', '2022-08-29', 'Hannah Müller'],
	['Ethan Wright', 'Senior Product Designer', 'Design', 'San Francisco', '2018-12-03', 'Hannah Müller'],
	// Sales.
	["Liam O'Connor", 'Sales Director, EMEA', 'Sales', 'Dublin', '2016-01-11', "Siobhán O'Brien"],
	['Grace Lee', 'Sales Director, Americas', 'Sales', 'New York', '2017-07-24', "Siobhán O'Brien"],
	['Ahmed Hassan', 'Account Executive', 'Sales', 'London', '2020-03-02', "Liam O'Connor"],
	['Sofia Rossi', 'Account Executive', 'Sales', 'Milan', '2021-09-13', "Liam O'Connor"],
	['Daniel Park', 'Account Executive', 'Sales', 'New York', '2019-04-08', 'Grace Lee'],
	['Isabella Moore', 'Sales Development Representative', 'Sales', 'New York', '2023-01-16', 'Grace Lee'],
	['Patrick Murphy', 'Solutions Engineer', 'Sales', 'Chicago', '2020-10-05', 'Grace Lee'],
	// Marketing.
	['Lucas Bernard', 'Marketing Manager', 'Marketing', 'Paris', '2018-05-14', 'Anne-Marie Dubois'],
	['Zoë Anderson', 'Brand Designer', 'Marketing', 'London', '2020-08-17', 'Anne-Marie Dubois'],
	['Mia Thompson', 'Content Strategist', 'Marketing', 'Remote', '2021-11-01', 'Lucas Bernard'],
	['Noah Williams', 'Growth Marketing Specialist', 'Marketing', 'Paris', '2022-03-28', 'Lucas Bernard'],
	// Finance.
	['Laura Schmidt', 'Controller', 'Finance', 'New York', '2016-10-24', 'Robert Kim'],
	['Kevin Nguyen', 'Financial Analyst', 'Finance', 'New York', '2021-06-07', 'Laura Schmidt'],
	['Ana Souza', 'Accountant', 'Finance', 'New York', '2022-02-14', 'Laura Schmidt'],
	// People.
	['Michelle Adeyemi', 'HR Business Partner', 'People', 'San Francisco', '2018-08-06', 'Priya Patel'],
	['Diego Hernández', 'Recruiter', 'People', 'Austin', '2021-03-15', 'Priya Patel'],
	['Emma Wilson', 'People Operations Specialist', 'People', 'San Francisco', '2019-01-28', 'Priya Patel']
];
