import { describe, expect, it } from 'vitest';
import { balance, paybackYears } from './calculations';

describe('lesson calculators', () => {
	it('compute simple payback as investment over annual saving', () => {
		expect(paybackYears(65_000, 20_000)).toBe(3.25);
		expect(paybackYears(0, 1)).toBe(0);
		expect(paybackYears(100, 0)).toBeNull();
		expect(paybackYears(100, -5)).toBeNull();
	});

	it('balance inputs against outputs and report the loss as a share', () => {
		expect(balance(25, [2, 20])).toEqual({ loss: 3, lossPercent: 12 });
		expect(balance(10, [12]).loss).toBe(-2);
		expect(balance(0, [1])).toEqual({ loss: -1, lossPercent: 0 });
		expect(balance(10, [Number.NaN, 4]).loss).toBe(6);
	});
});
