import { describe, expect, it } from 'vitest';
import { lastDayBefore } from '$lib/vietnam-time';
import { latestExtension, requestClock, requestDeadlines } from './deadlines';

// Friday 4 December 2026, 10:00 in Vietnam.
const friday = new Date('2026-12-04T03:00:00Z');
const none = new Set<string>();
const newYear = new Set(['2027-01-01']);
const last = (d: Date) => lastDayBefore(d);

describe('data request deadlines (Decree 356/2025 Art. 5)', () => {
	it('acknowledges within 2 working days, weekends skipped', () => {
		const { acknowledgeBy } = requestDeadlines('delete', friday, none, 'calendar');
		expect(last(acknowledgeBy)).toBe('2026-12-08');
		// The deadline is the end of the day in Vietnam: 17:00 UTC.
		expect(acknowledgeBy.toISOString()).toBe('2026-12-08T17:00:00.000Z');
	});

	it('counts each kind’s period in calendar days, moved past a weekend', () => {
		expect(last(requestDeadlines('access', friday, none, 'calendar').dueAt)).toBe('2026-12-14');
		expect(last(requestDeadlines('export', friday, none, 'calendar').dueAt)).toBe('2026-12-14');
		expect(last(requestDeadlines('delete', friday, none, 'calendar').dueAt)).toBe('2026-12-24');
		// 15 days end on Saturday 19/12: the next working day instead.
		expect(last(requestDeadlines('restrict', friday, none, 'calendar').dueAt)).toBe('2026-12-21');
		expect(last(requestDeadlines('withdraw', friday, none, 'calendar').dueAt)).toBe('2026-12-21');
	});

	it('counts in working days when the operator chooses, holidays skipped', () => {
		expect(last(requestDeadlines('delete', friday, none, 'working').dueAt)).toBe('2027-01-01');
		expect(last(requestDeadlines('delete', friday, newYear, 'working').dueAt)).toBe('2027-01-04');
		// Received on a holiday eve: the acknowledgement skips the holiday too.
		const eve = new Date('2026-12-31T03:00:00Z');
		expect(last(requestDeadlines('access', eve, newYear, 'working').acknowledgeBy)).toBe(
			'2027-01-05'
		);
	});

	it('extends once by at most the period again, from the day after the deadline', () => {
		const { dueAt } = requestDeadlines('delete', friday, none, 'calendar');
		expect(last(latestExtension('delete', dueAt, none, 'calendar'))).toBe('2027-01-13');
		const access = requestDeadlines('access', friday, none, 'calendar').dueAt;
		expect(last(latestExtension('access', access, none, 'calendar'))).toBe('2026-12-24');
	});

	it('is overdue from the day after the last day, counted in days; a closed request never', () => {
		const { acknowledgeBy, dueAt } = requestDeadlines('delete', friday, none, 'calendar');
		const request = {
			status: 'open',
			dueAt,
			extendedDueAt: null,
			acknowledgeBy,
			acknowledgedAt: null
		};
		const onTime = requestClock(request, new Date('2026-12-24T16:59:00Z'), none);
		expect(onTime).toMatchObject({ overdue: false, daysOverdue: 0, workingDaysLeft: 0 });
		expect(onTime.acknowledgementOverdue).toBe(true);
		const late = requestClock(request, new Date('2026-12-27T02:00:00Z'), none);
		expect(late).toMatchObject({ overdue: true, daysOverdue: 3, lastDay: '2026-12-24' });
		const extended = requestClock(
			{ ...request, extendedDueAt: new Date('2027-01-08T17:00:00Z') },
			new Date('2026-12-27T02:00:00Z'),
			none
		);
		expect(extended).toMatchObject({ overdue: false, lastDay: '2027-01-08' });
		expect(
			requestClock({ ...request, status: 'done' }, new Date('2027-02-01T00:00:00Z'), none)
		).toMatchObject({ overdue: false, acknowledgementOverdue: false });
	});
});
