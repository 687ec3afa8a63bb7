import { afterEach, describe, expect, it, vi } from 'vitest';
import { cohortSchema, optionalDate } from './cohorts';
import { optionalBirthDate } from './fields';

// 18:00 UTC on 4 March is 01:00 on 5 March in Vietnam; 17:00 UTC on 31 December is the new year there.
afterEach(() => {
	vi.useRealTimers();
});

describe('dates in forms, by the calendar in Vietnam', () => {
	it('accepts a birth date of today in Vietnam, and not tomorrow', () => {
		vi.useFakeTimers({ now: new Date('2026-03-04T18:00:00Z') });
		expect(optionalBirthDate.safeParse('2026-03-05').success).toBe(true);
		expect(optionalBirthDate.safeParse('2026-03-06').success).toBe(false);
		expect(optionalBirthDate.safeParse('1900-01-01').success).toBe(true);
		expect(optionalBirthDate.safeParse('1899-12-31').success).toBe(false);
		expect(optionalBirthDate.safeParse('2024-02-30').success).toBe(false);
		expect(optionalBirthDate.safeParse('').success).toBe(true);
	});

	it('accepts real calendar days only', () => {
		expect(optionalDate.safeParse('2028-02-29').success).toBe(true);
		expect(optionalDate.safeParse('2026-02-29').success).toBe(false);
		expect(optionalDate.safeParse('2026-04-31').success).toBe(false);
	});

	it('suggests the year it is in Vietnam for a new cohort, reckoned when asked', () => {
		const cohort = {
			organisationId: '00000000-0000-4000-8000-000000000000',
			name: 'Lớp A',
			term: '',
			startsOn: '',
			endsOn: ''
		};
		vi.useFakeTimers({ now: new Date('2026-12-31T16:59:59Z') });
		expect(cohortSchema.parse(cohort).year).toBe(2026);
		vi.setSystemTime(new Date('2026-12-31T17:00:00Z'));
		expect(cohortSchema.parse(cohort).year).toBe(2027);
	});
});
