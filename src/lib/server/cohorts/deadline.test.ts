import { describe, expect, it } from 'vitest';
import { vietnamDay } from '$lib/vietnam-time';
import { byUrgency, deadlineFor, type Deadline } from './deadline';

// 17:00 UTC is midnight in Vietnam: the instants either side of it fall on different days there.
const today = (iso: string) => vietnamDay(new Date(iso));

describe("a learner's deadline", () => {
	it('is due with the days left, counted in Vietnam', () => {
		expect(deadlineFor('2026-12-20', false, '2026-12-15')).toEqual({
			dueOn: '2026-12-20',
			state: 'due',
			days: 5
		});
	});

	it('turns from tomorrow to today to overdue at midnight in Vietnam, not UTC', () => {
		const due = '2026-12-20';
		expect(deadlineFor(due, false, today('2026-12-19T16:59:59Z'))).toMatchObject({
			state: 'due',
			days: 1
		});
		expect(deadlineFor(due, false, today('2026-12-19T17:00:00Z'))).toMatchObject({
			state: 'due_today',
			days: 0
		});
		expect(deadlineFor(due, false, today('2026-12-20T16:59:59Z'))).toMatchObject({
			state: 'due_today',
			days: 0
		});
		expect(deadlineFor(due, false, today('2026-12-20T17:00:00Z'))).toMatchObject({
			state: 'overdue',
			days: 1
		});
		expect(deadlineFor(due, false, '2026-12-22')).toMatchObject({ state: 'overdue', days: 2 });
	});

	it('is nothing without a due date, and nothing once the course is complete', () => {
		expect(deadlineFor(null, false, '2026-12-15')).toBeNull();
		expect(deadlineFor('2026-12-01', true, '2026-12-15')).toBeNull();
	});
});

describe('courses by urgency', () => {
	const course = (name: string, dueOn: string | null) => ({
		name,
		deadline: dueOn ? (deadlineFor(dueOn, false, '2026-12-15') as Deadline) : null
	});

	it('puts the longest overdue first, then the nearest due date, then courses without one', () => {
		const sorted = [
			course('free', null),
			course('soon', '2026-12-20'),
			course('later', '2027-01-10'),
			course('late', '2026-12-13'),
			course('today', '2026-12-15'),
			course('very late', '2026-11-30'),
			course('also free', null)
		].sort(byUrgency);
		expect(sorted.map((c) => c.name)).toEqual([
			'very late',
			'late',
			'today',
			'soon',
			'later',
			'free',
			'also free'
		]);
	});
});
