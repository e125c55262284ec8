/** Reading a day as people write it ("March 1", "1st of March 2026", "2026-03-01", "tomorrow") as YYYY-MM-DD. */

const MONTHS: Record<string, number> = {
	jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
	jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12
};

const pad = (value: number) => String(value).padStart(2, '0');
const iso = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;

function validDay(year: number, month: number, day: number): boolean {
	const date = new Date(Date.UTC(year, month - 1, day));
	return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The day, the next time it comes (today included) when no year is given. */
function dayOf(month: number, day: number, year: number | null, today: string): string | null {
	if (year !== null) return validDay(year, month, day) ? iso(year, month, day) : null;
	const thisYear = Number(today.slice(0, 4));
	const candidate = iso(thisYear, month, day);
	if (validDay(thisYear, month, day) && candidate >= today) return candidate;
	return validDay(thisYear + 1, month, day) ? iso(thisYear + 1, month, day) : null;
}

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const MONTH_FIRST = /^([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?$/i;
const DAY_FIRST = /^(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]{3,9})\.?(?:,?\s+(\d{4}))?$/i;

/** The date a phrase names, as YYYY-MM-DD, or null; `today` is YYYY-MM-DD. */
export function readDate(phrase: string, today: string): string | null {
	const text = phrase.trim().replace(/^(?:on|from|the)\s+/i, '').replace(/^the\s+/i, '');
	if (text.length > 40) return null;
	const lower = text.toLowerCase();
	if (lower === 'today') return today;
	if (lower === 'tomorrow') {
		const date = new Date(`${today}T00:00:00Z`);
		date.setUTCDate(date.getUTCDate() + 1);
		return date.toISOString().slice(0, 10);
	}
	const isoMatch = ISO.exec(text);
	if (isoMatch) return dayOf(Number(isoMatch[2]), Number(isoMatch[3]), Number(isoMatch[1]), today);
	const monthFirst = MONTH_FIRST.exec(text);
	if (monthFirst && MONTHS[monthFirst[1].toLowerCase()]) {
		return dayOf(MONTHS[monthFirst[1].toLowerCase()], Number(monthFirst[2]), monthFirst[3] ? Number(monthFirst[3]) : null, today);
	}
	const dayFirst = DAY_FIRST.exec(text);
	if (dayFirst && MONTHS[dayFirst[2].toLowerCase()]) {
		return dayOf(MONTHS[dayFirst[2].toLowerCase()], Number(dayFirst[1]), dayFirst[3] ? Number(dayFirst[3]) : null, today);
	}
	return null;
}

/** Today in UTC, as YYYY-MM-DD. */
export function todayIso(now = new Date()): string {
	return now.toISOString().slice(0, 10);
}
