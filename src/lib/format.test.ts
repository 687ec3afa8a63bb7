import { describe, expect, it } from 'vitest';
import { overwriteGetLocale } from '$lib/paraglide/runtime';
import { formatDate, formatDateTime, formatNumber } from './format';

describe('formatting for readers in Viet Nam', () => {
	it('writes dates day first, in Vietnam’s time zone', () => {
		overwriteGetLocale(() => 'vi');
		// 20:30 UTC on 31 Dec is already 1 January in Ho Chi Minh City.
		expect(formatDate('2026-12-31T20:30:00Z')).toBe('01/01/2027');
		expect(formatDateTime('2026-12-31T20:30:00Z')).toMatch(
			/03:30.*01\/01\/2027|01\/01\/2027.*03:30/
		);
		expect(formatNumber(12345.5)).toBe('12.345,5');
		expect(formatNumber(1.5)).toBe('1,5');
		expect(formatNumber(50_000_000)).toBe('50.000.000');
	});

	it('writes a calendar day (a due date) as the day it is, with no time zone applied', () => {
		overwriteGetLocale(() => 'vi');
		expect(formatDate('2026-03-05')).toBe('05/03/2026');
		expect(formatDate('2028-02-29')).toBe('29/02/2028');
	});

	it('uses English separators for English readers', () => {
		overwriteGetLocale(() => 'en');
		expect(formatDate('2026-06-30T18:00:00Z')).toBe('01/07/2026');
		expect(formatDate(new Date('2026-06-30T16:59:59Z'))).toBe('30/06/2026');
		expect(formatNumber(12345.5)).toBe('12,345.5');
		expect(formatNumber(1.5)).toBe('1.5');
		expect(formatNumber(50_000_000)).toBe('50,000,000');
		// The language may also be asked for: calculators in a lesson follow the lesson's language.
		expect(formatNumber(1.5, 'vi')).toBe('1,5');
	});
});
