/**
 * The calendar in Vietnam: the one home for reckoning dates. Every date the platform speaks of (a
 * certificate's expiry, a class's due date, a report's half-year, the audit log's date filter, the
 * year in a certificate number, today for a form) is a day on the calendar in Vietnam, whatever the
 * time zone of the server or the browser. Instants (timestamps) stay instants; they become days only
 * here, and days become instants only here.
 *
 * Vietnam keeps UTC+7 all year with no daylight saving (since 1975), so a fixed offset is exact for
 * every instant the platform records, costs no Intl formatter per call (a cohort matrix reckons
 * thousands of cells), and gives the same answer in every runtime whatever its time-zone data. Days
 * before 1975 (birth dates) are date-only values and are never converted from instants.
 *
 * Elapsed durations (a session's 30 days, a throttle's window, a quiz's time limit) are not calendar
 * arithmetic and stay with their rules.
 *
 * Used on the server and in the browser (formatting, form schemas): no server-only imports.
 */

/** The IANA name, for Intl formatting of a time of day (see $lib/format). */
export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const OFFSET_MS = 7 * 60 * 60 * 1000;
/** Every day in Vietnam lasts exactly this long: there is no daylight saving to shorten one. */
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A day on the calendar as "2026-03-31": how `<input type="date">` sends it and PostgreSQL prints a
 * `date`. Such strings sort and compare in calendar order.
 */
export type CalendarDay = string;

/** A half-year of the report calendar: H1 is January–June, H2 July–December. */
export interface HalfYear {
	year: number;
	half: 1 | 2;
}

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

// Inside this module a day is also handled as the Date at midnight UTC whose UTC fields are the
// day's fields: that is plain Gregorian arithmetic, with no time zone in it. Such Dates never leave.
function utcMidnight(day: CalendarDay): number {
	const [year, month, date] = day.split('-').map(Number);
	return Date.UTC(year, month - 1, date);
}

function dayFromUtc(ms: number): CalendarDay {
	const d = new Date(ms);
	const year = String(d.getUTCFullYear()).padStart(4, '0');
	const month = String(d.getUTCMonth() + 1).padStart(2, '0');
	const date = String(d.getUTCDate()).padStart(2, '0');
	return `${year}-${month}-${date}`;
}

/** Days in a month (1–12) of a year, leap years included. */
export function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A real day written "YYYY-MM-DD" (so not 2026-02-30), or null. */
export function parseDay(value: string | null | undefined): CalendarDay | null {
	const match = DAY_PATTERN.exec(value ?? '');
	if (!match) return null;
	const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
	if (month < 1 || month > 12 || date < 1 || date > daysInMonth(year, month)) return null;
	return match[0];
}

/** The day it is in Vietnam at `instant`: 16:59:59 UTC is still today there, 17:00 UTC tomorrow. */
export function vietnamDay(instant: Date): CalendarDay {
	return dayFromUtc(instant.getTime() + OFFSET_MS);
}

/** The time of day in Vietnam at `instant`, as "08:05" (for documents printed in Vietnamese). */
export function vietnamClock(instant: Date): string {
	const shifted = new Date(instant.getTime() + OFFSET_MS);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}`;
}

/** The year it is in Vietnam at `instant` (23:30 UTC on 31 December is already next year there). */
export function vietnamYear(instant: Date): number {
	return new Date(instant.getTime() + OFFSET_MS).getUTCFullYear();
}

/** The instant a day begins in Vietnam: 00:00 there, which is 17:00 UTC the day before. */
export function dayStart(day: CalendarDay): Date {
	return new Date(utcMidnight(day) - OFFSET_MS);
}

/** The instant a day ends in Vietnam: the next day's start, itself excluded (ranges are [start, end)). */
export function dayEnd(day: CalendarDay): Date {
	return new Date(utcMidnight(day) + DAY_MS - OFFSET_MS);
}

/** The last day of a range that ends at `end` (exclusive): the day a deadline at dayEnd(day) names. */
export function lastDayBefore(end: Date): CalendarDay {
	return vietnamDay(new Date(end.getTime() - 1));
}

/** Whole days from `from` to `to`: 1 from today to tomorrow, -1 to yesterday, 0 to itself. */
export function daysBetween(from: CalendarDay, to: CalendarDay): number {
	return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS);
}

/** The day `days` later (earlier when negative). */
export function addDays(day: CalendarDay, days: number): CalendarDay {
	return dayFromUtc(utcMidnight(day) + days * DAY_MS);
}

/** Whether a day is a Saturday or a Sunday. */
export function isWeekend(day: CalendarDay): boolean {
	const weekday = new Date(utcMidnight(day)).getUTCDay();
	return weekday === 0 || weekday === 6;
}

/** A working day: neither a weekend nor one of `holidays` (public_holidays, kept by administrators). */
export function isWorkingDay(day: CalendarDay, holidays: ReadonlySet<CalendarDay>): boolean {
	return !isWeekend(day) && !holidays.has(day);
}

/**
 * The last day of a period of `days` working days counted from the day after `received` (Civil Code
 * 2015, Art. 147: a period in days starts the day after the event): a request received on Friday
 * with 2 working days is due at the end of Tuesday, holidays skipped. The deadline itself is
 * dayEnd() of the day returned.
 */
export function addWorkingDays(
	received: Date,
	days: number,
	holidays: ReadonlySet<CalendarDay>
): CalendarDay {
	let day = vietnamDay(received);
	for (let counted = 0; counted < days;) {
		day = addDays(day, 1);
		if (isWorkingDay(day, holidays)) counted += 1;
	}
	return day;
}

/**
 * The last day of a period of `days` counted from the day after `received`, in working days or in
 * calendar days; a calendar period that ends on a weekend or holiday ends on the next working day
 * instead (Civil Code 2015, Art. 148).
 */
export function periodEnd(
	received: Date,
	days: number,
	counting: 'calendar' | 'working',
	holidays: ReadonlySet<CalendarDay>
): CalendarDay {
	if (counting === 'working') return addWorkingDays(received, days, holidays);
	let day = addDays(vietnamDay(received), days);
	while (!isWorkingDay(day, holidays)) day = addDays(day, 1);
	return day;
}

/** Working days left from `today` until `last` (0 on the last day itself, negative once past). */
export function workingDaysLeft(
	today: CalendarDay,
	last: CalendarDay,
	holidays: ReadonlySet<CalendarDay>
): number {
	if (today > last) return -countWorking(last, today, holidays);
	return countWorking(today, last, holidays);
}

/** Working days in (from, to]. */
function countWorking(from: CalendarDay, to: CalendarDay, holidays: ReadonlySet<CalendarDay>) {
	let count = 0;
	for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
		if (isWorkingDay(day, holidays)) count += 1;
	}
	return count;
}

/** Age in whole years on `today` of someone born on `born` (a birthday on 29/2 comes on 1/3). */
export function ageOn(born: CalendarDay, today: CalendarDay): number {
	const [by, bm, bd] = born.split('-').map(Number);
	const [ty, tm, td] = today.split('-').map(Number);
	return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/**
 * The same day of the month `months` later (earlier when negative). When that month is shorter, its
 * last day, never a day of the month after: 31/1 + 1 month is 28/2 (29/2 in a leap year), 31/3 + 1
 * month is 30/4, 29/2/2028 + 12 months is 28/2/2029; 31/1/2026 + 36 months is 31/1/2029.
 */
export function addMonths(day: CalendarDay, months: number): CalendarDay {
	const [year, month, date] = day.split('-').map(Number);
	const first = new Date(Date.UTC(year, month - 1 + months, 1));
	const [y, m] = [first.getUTCFullYear(), first.getUTCMonth() + 1];
	return dayFromUtc(Date.UTC(y, m - 1, Math.min(date, daysInMonth(y, m))));
}

/** Milliseconds since the start of the day in Vietnam. */
function timeOfDay(instant: Date): number {
	return instant.getTime() - dayStart(vietnamDay(instant)).getTime();
}

/**
 * The same time of day in Vietnam, on the day `addMonths` gives for the day it is there: a
 * certificate completed at 06:00 on 31/5 in Vietnam and valid a month expires at 06:00 on 30/6.
 */
export function addMonthsAt(instant: Date, months: number): Date {
	const day = addMonths(vietnamDay(instant), months);
	return new Date(dayStart(day).getTime() + timeOfDay(instant));
}

/** The same time of day in Vietnam, `days` calendar days later (earlier when negative). */
export function addDaysAt(instant: Date, days: number): Date {
	const day = addDays(vietnamDay(instant), days);
	return new Date(dayStart(day).getTime() + timeOfDay(instant));
}

/** The half-year an instant falls in, by the calendar in Vietnam. */
export function halfYearOf(instant: Date): HalfYear {
	const day = vietnamDay(instant);
	return { year: Number(day.slice(0, 4)), half: day.slice(5, 7) <= '06' ? 1 : 2 };
}

/** A half-year as instants [start, end): from 00:00 on 1 January or 1 July in Vietnam. */
export function halfYearRange(p: HalfYear): { start: Date; end: Date } {
	const first = (year: number, month: string) =>
		dayStart(`${String(year).padStart(4, '0')}-${month}-01`);
	return p.half === 1
		? { start: first(p.year, '01'), end: first(p.year, '07') }
		: { start: first(p.year, '07'), end: first(p.year + 1, '01') };
}

/**
 * Whether something due on `dueOn` is overdue on `today` (both days in Vietnam): overdue from the
 * day after the due day, so work finished at 23:59 on the day is on time. No due day: never.
 */
export function pastDue(dueOn: CalendarDay | null, today: CalendarDay): boolean {
	return dueOn !== null && today > dueOn;
}

/**
 * A filter over whole days, "from 1/6 to 30/6" as a reader means it: from the start of the first day
 * to the end of the last, in Vietnam. A missing or unreal day leaves that side open (and is dropped).
 */
export function dayRange(
	from: string | null | undefined,
	to: string | null | undefined
): { from: CalendarDay | null; to: CalendarDay | null; start: Date | null; end: Date | null } {
	const first = parseDay(from);
	const last = parseDay(to);
	return {
		from: first,
		to: last,
		start: first ? dayStart(first) : null,
		end: last ? dayEnd(last) : null
	};
}

/** Day, month and year, two digits for day and month: for "ngày 05 tháng 03 năm 2026". */
export function dayParts(day: CalendarDay): { day: string; month: string; year: string } {
	return { day: day.slice(8, 10), month: day.slice(5, 7), year: day.slice(0, 4) };
}

/** "05/03/2026": day first, as dates are written in Vietnam (and in British English). */
export function formatDay(day: CalendarDay): string {
	const { day: d, month, year } = dayParts(day);
	return `${d}/${month}/${year}`;
}

/**
 * The day of a date-only value that a library hands over as a Date at midnight UTC (a spreadsheet's
 * date cell holds no time zone; ExcelJS reads it so): the day as written, no time zone applied.
 */
export function dayOfDateOnly(value: Date): CalendarDay {
	return dayFromUtc(Date.UTC(value.getUTCFullYear(), value.getUTCMonth(), value.getUTCDate()));
}

/** Quiet hours in Vietnam, by default: nothing leaves the platform from 21:00 until 07:00. */
export interface QuietHours {
	fromHour: number;
	untilHour: number;
}
export const DEFAULT_QUIET_HOURS: QuietHours = { fromHour: 21, untilHour: 7 };

/**
 * The earliest instant from `instant` on at which a message may be sent: itself outside quiet
 * hours in Vietnam, else the end of them (07:00 the coming morning by default). `null`: none.
 */
export function outsideQuietHours(
	instant: Date,
	quiet: QuietHours | null = DEFAULT_QUIET_HOURS
): Date {
	if (!quiet || quiet.fromHour === quiet.untilHour) return instant;
	const hour = new Date(instant.getTime() + OFFSET_MS).getUTCHours();
	const { fromHour, untilHour } = quiet;
	// Quiet hours may span midnight (21–7) or not (0–6).
	const quietNow =
		fromHour > untilHour
			? hour >= fromHour || hour < untilHour
			: hour >= fromHour && hour < untilHour;
	if (!quietNow) return instant;
	const today = vietnamDay(instant);
	const morningOf = hour >= untilHour ? addDays(today, 1) : today;
	return new Date(dayStart(morningOf).getTime() + untilHour * 60 * 60 * 1000);
}
