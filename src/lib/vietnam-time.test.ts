import { describe, expect, it } from 'vitest';
import {
	addWorkingDays,
	periodEnd,
	ageOn,
	isWorkingDay,
	workingDaysLeft,
	addDays,
	addDaysAt,
	addMonths,
	addMonthsAt,
	dayEnd,
	lastDayBefore,
	dayOfDateOnly,
	dayParts,
	dayRange,
	dayStart,
	daysBetween,
	daysInMonth,
	formatDay,
	halfYearOf,
	halfYearRange,
	outsideQuietHours,
	parseDay,
	pastDue,
	vietnamDay,
	vietnamYear
} from './vietnam-time';

const at = (iso: string) => new Date(iso);

describe('the day in Vietnam', () => {
	it.each([
		// 17:00 UTC is midnight in Vietnam: one second before, it is still the UTC day.
		['2026-03-30T16:59:59Z', '2026-03-30'],
		['2026-03-30T17:00:00Z', '2026-03-31'],
		['2026-03-31T16:59:59.999Z', '2026-03-31'],
		['2026-03-31T17:00:00Z', '2026-04-01'],
		['2026-12-31T16:59:59Z', '2026-12-31'],
		['2026-12-31T17:00:00Z', '2027-01-01'],
		['2028-02-28T17:00:00Z', '2028-02-29'],
		['2027-02-28T17:00:00Z', '2027-03-01'],
		['2026-06-30T23:30:00+07:00', '2026-06-30']
	])('%s is %s there', (instant, day) => {
		expect(vietnamDay(at(instant))).toBe(day);
	});

	it('gives the year there, which turns at 17:00 UTC on 31 December', () => {
		expect(vietnamYear(at('2026-12-31T16:59:59Z'))).toBe(2026);
		expect(vietnamYear(at('2026-12-31T17:00:00Z'))).toBe(2027);
	});

	it('begins and ends a day at midnight there', () => {
		expect(dayStart('2026-07-01').toISOString()).toBe('2026-06-30T17:00:00.000Z');
		expect(dayEnd('2026-06-30').toISOString()).toBe('2026-06-30T17:00:00.000Z');
		expect(dayEnd('2028-02-28')).toEqual(dayStart('2028-02-29'));
		expect(dayEnd('2026-12-31')).toEqual(dayStart('2027-01-01'));
		expect(vietnamDay(dayStart('2026-03-31'))).toBe('2026-03-31');
		expect(vietnamDay(new Date(dayEnd('2026-03-31').getTime() - 1))).toBe('2026-03-31');
		// A deadline at the end of a day names that day, not the next one its instant falls on.
		expect(lastDayBefore(dayEnd('2027-03-04'))).toBe('2027-03-04');
		expect(lastDayBefore(dayEnd('2026-12-31'))).toBe('2026-12-31');
	});
});

describe('days on the calendar', () => {
	it('accepts real days only', () => {
		for (const good of ['2026-02-28', '2028-02-29', '2000-02-29', '1900-01-01', '2026-12-31'])
			expect(parseDay(good)).toBe(good);
		for (const bad of [
			'2026-02-29',
			'1900-02-29',
			'2026-04-31',
			'2026-13-01',
			'2026-00-10',
			'2026-01-00',
			'30/06/2026',
			'2026-6-30',
			' 2026-06-30',
			'',
			null,
			undefined
		])
			expect(parseDay(bad)).toBeNull();
	});

	it('knows month lengths and leap years', () => {
		expect([2026, 2028, 2100, 2000].map((y) => daysInMonth(y, 2))).toEqual([28, 29, 28, 29]);
		expect(daysInMonth(2026, 4)).toBe(30);
		expect(daysInMonth(2026, 12)).toBe(31);
	});

	it.each([
		['2026-01-31', 1, '2026-02-28'],
		['2028-01-31', 1, '2028-02-29'],
		['2026-03-31', 1, '2026-04-30'],
		['2026-01-31', 36, '2029-01-31'],
		['2026-05-31', 36, '2029-05-31'],
		['2026-08-31', 36, '2029-08-31'],
		['2026-11-30', 3, '2027-02-28'],
		['2028-02-29', 12, '2029-02-28'],
		['2028-02-29', 48, '2032-02-29'],
		['2026-12-15', 1, '2027-01-15'],
		['2026-03-31', -1, '2026-02-28'],
		['2026-01-15', -1, '2025-12-15']
	])('%s + %i months is %s (clamped to the month’s last day)', (day, months, expected) => {
		expect(addMonths(day, months)).toBe(expected);
	});

	it('adds days across months, years and 29 February', () => {
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
		expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
		expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
		expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
		expect(addDays('2026-01-01', 90)).toBe('2026-04-01');
	});
});

describe('instants moved on the calendar in Vietnam', () => {
	it.each([
		// 06:00 on 31/5 in Vietnam is 23:00 UTC on 30/5: a month later is 30/6 there, not 1/7.
		['2026-05-30T23:00:00Z', 1, '2026-06-29T23:00:00.000Z'],
		// Midnight that starts 31/1 in Vietnam, plus a month: the start of 28/2 there.
		['2026-01-30T17:00:00Z', 1, '2026-02-27T17:00:00.000Z'],
		// A second earlier it is still 30/1 in Vietnam: 30/1 + a month is 28/2 too, at 23:59:59.
		['2026-01-30T16:59:59Z', 1, '2026-02-28T16:59:59.000Z'],
		['2026-01-30T23:00:00Z', 36, '2029-01-30T23:00:00.000Z'],
		// 29/2/2028 at 05:00 in Vietnam, plus a year: 28/2/2029 at 05:00.
		['2028-02-28T22:00:00Z', 12, '2029-02-27T22:00:00.000Z'],
		['2026-03-05T02:00:00Z', 36, '2029-03-05T02:00:00.000Z']
	])('%s + %i months is %s, the same time of day there', (instant, months, expected) => {
		expect(addMonthsAt(at(instant), months).toISOString()).toBe(expected);
	});

	it('adds calendar days at the same time of day there', () => {
		expect(addDaysAt(at('2026-12-31T17:30:00Z'), 90).toISOString()).toBe(
			'2027-03-31T17:30:00.000Z'
		);
		expect(addDaysAt(at('2026-03-05T02:00:00Z'), -90).toISOString()).toBe(
			'2025-12-05T02:00:00.000Z'
		);
	});
});

describe('half-years in Vietnam', () => {
	it.each([
		['2025-12-31T16:59:59Z', { year: 2025, half: 2 }],
		['2025-12-31T17:00:00Z', { year: 2026, half: 1 }],
		['2026-06-30T16:59:59Z', { year: 2026, half: 1 }],
		['2026-06-30T17:00:00Z', { year: 2026, half: 2 }],
		['2026-12-31T17:30:00Z', { year: 2027, half: 1 }]
	])('%s falls in %o', (instant, half) => {
		expect(halfYearOf(at(instant))).toEqual(half);
	});

	it('runs H1 and H2 from midnight on 1 January and 1 July there', () => {
		const h1 = halfYearRange({ year: 2026, half: 1 });
		const h2 = halfYearRange({ year: 2026, half: 2 });
		expect(h1.start.toISOString()).toBe('2025-12-31T17:00:00.000Z');
		expect(h1.end).toEqual(h2.start);
		expect(h2.start.toISOString()).toBe('2026-06-30T17:00:00.000Z');
		expect(h2.end.toISOString()).toBe('2026-12-31T17:00:00.000Z');
	});
});

describe('due days', () => {
	it('is overdue from the day after the due day, in Vietnam', () => {
		const today = (iso: string) => vietnamDay(at(iso));
		expect(pastDue('2026-12-01', today('2026-12-01T16:59:59Z'))).toBe(false);
		expect(pastDue('2026-12-01', today('2026-12-01T17:00:00Z'))).toBe(true);
		expect(pastDue('2026-02-28', today('2026-02-28T16:59:59Z'))).toBe(false);
		expect(pastDue('2026-02-28', today('2026-02-28T17:00:00Z'))).toBe(true);
		expect(pastDue(null, '2099-01-01')).toBe(false);
	});
});

describe('days between two days', () => {
	it('counts calendar days, across months, leap days and the new year', () => {
		expect(daysBetween('2026-12-15', '2026-12-20')).toBe(5);
		expect(daysBetween('2026-12-20', '2026-12-15')).toBe(-5);
		expect(daysBetween('2026-12-20', '2026-12-20')).toBe(0);
		expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
		expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
	});
});

describe('a filter over whole days', () => {
	it('runs from the start of the first day to the end of the last, in Vietnam', () => {
		const range = dayRange('2026-06-01', '2026-06-30');
		expect(range.start?.toISOString()).toBe('2026-05-31T17:00:00.000Z');
		expect(range.end?.toISOString()).toBe('2026-06-30T17:00:00.000Z');
		expect(dayRange(null, '2026-12-31').end?.toISOString()).toBe('2026-12-31T17:00:00.000Z');
		expect(dayRange('2028-02-29', '2028-02-29').end).toEqual(dayStart('2028-03-01'));
	});

	it('leaves a side open when its day is missing or not a real day', () => {
		for (const bad of ['', null, undefined, '2026-02-30', '30/06/2026', '2026-13-01']) {
			expect(dayRange(bad, bad)).toEqual({ from: null, to: null, start: null, end: null });
		}
	});
});

describe('writing days', () => {
	it('writes day first with two digits, with no time zone applied', () => {
		expect(formatDay('2026-03-05')).toBe('05/03/2026');
		expect(dayParts('2026-11-29')).toEqual({ day: '29', month: '11', year: '2026' });
	});

	it('reads a date-only value held as midnight UTC as the day written', () => {
		expect(dayOfDateOnly(at('2010-12-31T00:00:00Z'))).toBe('2010-12-31');
		expect(dayOfDateOnly(at('1975-04-30T00:00:00Z'))).toBe('1975-04-30');
	});
});

describe('quiet hours', () => {
	it('lets a message go between 07:00 and 21:00 in Vietnam', () => {
		// 14:00 UTC is 21:00 in Vietnam; 00:00 UTC is 07:00 there.
		for (const instant of [
			'2026-12-03T00:00:00.000Z',
			'2026-12-03T06:30:00.000Z',
			'2026-12-03T13:59:59.000Z'
		])
			expect(outsideQuietHours(at(instant)).toISOString()).toBe(instant);
	});

	it('holds a message sent at 21:00 or later until 07:00 the next morning', () => {
		expect(outsideQuietHours(at('2026-12-03T14:00:00Z')).toISOString()).toBe(
			'2026-12-04T00:00:00.000Z'
		);
		expect(outsideQuietHours(at('2026-12-03T16:59:00Z')).toISOString()).toBe(
			'2026-12-04T00:00:00.000Z'
		);
	});

	it('holds a message sent after midnight until 07:00 the same morning', () => {
		// 17:30 UTC is 00:30 in Vietnam on the next day.
		expect(outsideQuietHours(at('2026-12-03T17:30:00Z')).toISOString()).toBe(
			'2026-12-04T00:00:00.000Z'
		);
		expect(outsideQuietHours(at('2026-12-03T23:59:59Z')).toISOString()).toBe(
			'2026-12-04T00:00:00.000Z'
		);
	});

	it('follows other quiet hours, or none', () => {
		const night = { fromHour: 22, untilHour: 6 };
		expect(outsideQuietHours(at('2026-12-03T14:30:00Z'), night).toISOString()).toBe(
			'2026-12-03T14:30:00.000Z'
		);
		expect(outsideQuietHours(at('2026-12-03T15:30:00Z'), night).toISOString()).toBe(
			'2026-12-03T23:00:00.000Z'
		);
		// 00:00–06:00, not spanning midnight: 02:00 there waits until 06:00, 23:00 goes.
		const early = { fromHour: 0, untilHour: 6 };
		expect(outsideQuietHours(at('2026-12-03T19:00:00Z'), early).toISOString()).toBe(
			'2026-12-03T23:00:00.000Z'
		);
		expect(outsideQuietHours(at('2026-12-03T16:00:00Z'), early).toISOString()).toBe(
			'2026-12-03T16:00:00.000Z'
		);
		expect(outsideQuietHours(at('2026-12-03T15:00:00Z'), null).toISOString()).toBe(
			'2026-12-03T15:00:00.000Z'
		);
	});

	it('holds the last night of the year into the new year', () => {
		expect(outsideQuietHours(at('2026-12-31T15:00:00Z')).toISOString()).toBe(
			'2027-01-01T00:00:00.000Z'
		);
	});
});

describe('working days and ages (personal data requests, minors)', () => {
	const holidays = new Set(['2026-04-30', '2026-05-01']);
	it('counts working days from the day after receipt, skipping weekends and holidays', () => {
		// Friday 24/4/2026 at 10:00 in Vietnam: Monday 27 and Tuesday 28.
		expect(addWorkingDays(new Date('2026-04-24T03:00:00Z'), 2, holidays)).toBe('2026-04-28');
		// Wednesday 29/4: Thursday 30/4 and Friday 1/5 are holidays, so Monday 4 and Tuesday 5 May.
		expect(addWorkingDays(new Date('2026-04-29T03:00:00Z'), 2, holidays)).toBe('2026-05-05');
		// 23:30 on Friday in Vietnam is still Friday there (16:30 UTC).
		expect(addWorkingDays(new Date('2026-04-24T16:30:00Z'), 1, holidays)).toBe('2026-04-27');
		// 00:30 on Saturday in Vietnam (17:30 UTC on Friday) counts from Saturday.
		expect(addWorkingDays(new Date('2026-04-24T17:30:00Z'), 1, holidays)).toBe('2026-04-27');
		expect(addWorkingDays(new Date('2026-04-24T03:00:00Z'), 15, new Set())).toBe('2026-05-15');
	});
	it('ends a calendar period on the next working day when it falls on a day off', () => {
		// Received Friday 17/4/2026: 10 days is Monday 27/4; 13 days is Thursday 30/4 (holiday),
		// then 1/5 (holiday) and the weekend: Monday 4/5.
		const friday = new Date('2026-04-17T03:00:00Z');
		expect(periodEnd(friday, 10, 'calendar', holidays)).toBe('2026-04-27');
		expect(periodEnd(friday, 13, 'calendar', holidays)).toBe('2026-05-04');
		expect(periodEnd(friday, 2, 'working', holidays)).toBe('2026-04-21');
	});
	it('says how many working days are left, negative once past', () => {
		expect(workingDaysLeft('2026-04-24', '2026-04-28', holidays)).toBe(2);
		expect(workingDaysLeft('2026-04-28', '2026-04-28', holidays)).toBe(0);
		expect(workingDaysLeft('2026-05-04', '2026-04-28', holidays)).toBe(-2);
		expect(isWorkingDay('2026-05-01', holidays)).toBe(false);
		expect(isWorkingDay('2026-05-04', holidays)).toBe(true);
	});
	it('gives ages in whole years', () => {
		expect(ageOn('2010-12-05', '2026-12-04')).toBe(15);
		expect(ageOn('2010-12-04', '2026-12-04')).toBe(16);
		expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
		expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
	});
});
