import { describe, expect, it } from 'vitest';
import { vietnamDayStart } from './list';

describe('audit date filter', () => {
	it('turns a calendar day in Vietnam into the instant it starts', () => {
		expect(vietnamDayStart('2026-07-01')?.toISOString()).toBe('2026-06-30T17:00:00.000Z');
		// "To 30 June" means up to the start of 1 July.
		expect(vietnamDayStart('2026-06-30', 1)?.toISOString()).toBe('2026-06-30T17:00:00.000Z');
		expect(vietnamDayStart('2026-12-31', 1)?.toISOString()).toBe('2026-12-31T17:00:00.000Z');
	});

	it('ignores what is not a real day', () => {
		for (const bad of ['', null, '2026-02-30', '30/06/2026', '2026-13-01']) {
			expect(vietnamDayStart(bad)).toBeNull();
		}
	});
});
