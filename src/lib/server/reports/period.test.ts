import { describe, expect, it } from 'vitest';
import {
	formatPeriod,
	parsePeriod,
	periodOf,
	periodRange,
	previousPeriod,
	recentPeriods
} from './period';

describe('half-years in Asia/Ho_Chi_Minh', () => {
	it('starts H1 at midnight on 1 January in Vietnam, which is 17:00 UTC the day before', () => {
		const { start, end } = periodRange({ year: 2026, half: 1 });
		expect(start.toISOString()).toBe('2025-12-31T17:00:00.000Z');
		expect(end.toISOString()).toBe('2026-06-30T17:00:00.000Z');
	});

	it('runs H2 from 1 July to the end of December', () => {
		const { start, end } = periodRange({ year: 2026, half: 2 });
		expect(start.toISOString()).toBe('2026-06-30T17:00:00.000Z');
		expect(end.toISOString()).toBe('2026-12-31T17:00:00.000Z');
	});

	it('puts 23:30 on 30 June in Vietnam in H1 and 00:00 on 1 July in H2', () => {
		expect(periodOf(new Date('2026-06-30T23:30:00+07:00'))).toEqual({ year: 2026, half: 1 });
		expect(periodOf(new Date('2026-07-01T00:00:00+07:00'))).toEqual({ year: 2026, half: 2 });
		// 30 June 18:00 UTC is already 1 July in Vietnam.
		expect(periodOf(new Date('2026-06-30T18:00:00Z'))).toEqual({ year: 2026, half: 2 });
		expect(periodOf(new Date('2026-12-31T17:30:00Z'))).toEqual({ year: 2027, half: 1 });
	});

	it('goes back one half-year, across the new year', () => {
		expect(previousPeriod({ year: 2026, half: 2 })).toEqual({ year: 2026, half: 1 });
		expect(previousPeriod({ year: 2026, half: 1 })).toEqual({ year: 2025, half: 2 });
		const p = { year: 2026, half: 1 } as const;
		expect(periodRange(previousPeriod(p)).end).toEqual(periodRange(p).start);
	});

	it('reads and writes "2026-H1" and refuses anything else', () => {
		expect(parsePeriod('2026-H1')).toEqual({ year: 2026, half: 1 });
		expect(formatPeriod({ year: 2025, half: 2 })).toBe('2025-H2');
		for (const bad of ['2026-H3', '2026', 'H1-2026', '', null, '1999-H1']) {
			expect(parsePeriod(bad)).toBeNull();
		}
	});

	it('lists recent half-years oldest first', () => {
		expect(recentPeriods({ year: 2026, half: 1 }, 3).map(formatPeriod)).toEqual([
			'2025-H1',
			'2025-H2',
			'2026-H1'
		]);
	});
});
