import { describe, expect, it } from 'vitest';
import { change, isSuppressed, passRate, pointChange, suppress } from './arithmetic';

describe('report arithmetic', () => {
	it('gives the change from the previous period in numbers and percent', () => {
		expect(change(15, 10)).toEqual({ delta: 5, percent: 50 });
		expect(change(7, 10)).toEqual({ delta: -3, percent: -30 });
		expect(change(1, 3)).toEqual({ delta: -2, percent: -66.7 });
		expect(change(4, 4)).toEqual({ delta: 0, percent: 0 });
	});

	it('gives no percentage when the previous period had nothing', () => {
		expect(change(3, 0)).toEqual({ delta: 3, percent: null });
		expect(change(0, 0)).toEqual({ delta: 0, percent: null });
	});

	it('computes the pass rate, and none when nobody tried', () => {
		expect(passRate(2, 3)).toBe(66.7);
		expect(passRate(0, 4)).toBe(0);
		expect(passRate(0, 0)).toBeNull();
		expect(pointChange(66.7, 50)).toBe(16.7);
		expect(pointChange(null, 50)).toBeNull();
	});

	it('suppresses groups of fewer than five learners', () => {
		expect(suppress(12, 4)).toBeNull();
		expect(suppress(12, 5)).toBe(12);
		expect(suppress(0, 0)).toBeNull();
		expect(isSuppressed(4)).toBe(true);
		expect(isSuppressed(5)).toBe(false);
		expect(suppress(3, 9, 10)).toBeNull();
	});
});
