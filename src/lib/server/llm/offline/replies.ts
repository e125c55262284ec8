/** The offline assistant's fixed replies: what it can do, and an honest "no" for what it cannot. */
import { text } from './escape';

const EXAMPLES = [
	'"Who reports to Jane Smith?"',
	'"Add John Doe as a Developer under Jane Smith"',
	'"How many people work here?"'
];

export const HELP_TEXT = [
	"I'm the built-in offline assistant. I work with the org chart:",
	'',
	'- **Look people up**: "Who is Jane Smith?", "Find people in Engineering", "List all designers"',
	'- **Reports**: "Who reports to Jane?" (direct), "Everyone under Jane" (all levels)',
	'- **Managers**: "Who is Jane\'s manager?", "Chain of command for John Doe", "Who are the managers?"',
	'- **Spans and peers**: "What\'s Jane\'s span of control?", "Who has the most reports?", "Who has no reports?", "Who are Tom\'s peers?"',
	'- **Places**: "Who\'s in the London office?", "How many people are in Engineering?"',
	'- **Add**: "Add John Doe as a Developer under Jane Smith in Engineering, based in Berlin", "Add Ann Lee and Ben Ortiz as engineers under Jane"',
	'- **Open roles**: "Add an open Senior Engineer role under Jane"',
	'- **Change**: "Change John\'s title to Senior Developer", "Set John\'s department to Platform"',
	'- **Move**: "Move John Doe under Alex Kim", "Make John report to Alex", "Raj also reports to Marcus (dotted line)"',
	'- **Remove**: "Remove John Doe and reassign their reports to Jane"',
	'- **Undo**: "Undo that"',
	'- **Numbers**: "Headcount", "Org stats"',
	'',
	'Several requests can go in one message ("Move Raj under Jane and make him Staff Engineer"), and "him", "her" or "the second one" mean who we were just talking about.',
	'',
	'For open-ended questions, configure a language model (set `OPENAI_BASE_URL` and/or `OPENAI_API_KEY`).'
].join('\n');

export const GREETING_TEXT = `Hello! I can look people up and make changes to the org chart. Try ${EXAMPLES[0]} or ${EXAMPLES[1]}. Type "help" for more.`;

export const THANKS_TEXT = "You're welcome. Anything else in the org chart I can help with?";

export const DECLINE_TEXT = [
	"I can't help with that. I'm the built-in offline assistant, so I can only work with the org chart, for example",
	`${EXAMPLES.join(', ')}.`,
	'Open-ended questions need a language model: set `OPENAI_BASE_URL` (and `OPENAI_API_KEY` if your provider needs one) and restart OrganiChart.'
].join(' ');

/** Asks for a name when a request says "her" or "my" and nobody in the conversation is meant. */
export function pronounText(word: string): string {
	const why = /^(?:i|me|my|mine|myself)$/i.test(word)
		? 'the offline assistant does not know which person in the chart you are'
		: 'this conversation has not been about anyone yet';
	return `Who do you mean by "${text(word)}"? Please use the person's name, for example "Who is Jane Smith's manager?" (${why}).`;
}

/** Words that mark a request as being about the org chart even when its form was not understood. */
export const ORG_WORDS =
	/\b(title|department|manager|managers|manages|reports? to|reporting|direct reports|promote|demote|hire|fire|rename|e-?mail|location|headcount|org ?chart|organi[sz]ation|team|employee|staff|colleague)\b/i;

export const UNCLEAR_TEXT = [
	"I didn't understand that request. The offline assistant understands a few fixed forms, for example:",
	'',
	'- "Change Jane Smith\'s title to Senior Engineering Manager"',
	'- "Set John Doe\'s department to Platform"',
	'- "Move John Doe under Alex Rivera"',
	'- "Remove John Doe and reassign their reports to Jane Smith"',
	'',
	'Several changes can go in one message, joined by "and". Type "help" for everything it can do, or configure a language model (`OPENAI_BASE_URL`) to ask in your own words.'
].join('\n');
