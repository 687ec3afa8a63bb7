import { describe, expect, it } from 'vitest';
import { expiryFor, renewalDue, statusOf } from './expiry';

const d = (iso: string) => new Date(iso);

describe('certificate expiry', () => {
	it('adds months, keeping the day where the month has it, at the same time of day', () => {
		expect(expiryFor(d('2026-03-05T02:00:00Z'), 36)).toEqual(d('2029-03-05T02:00:00Z'));
		expect(expiryFor(d('2026-01-31T10:00:00Z'), 1)).toEqual(d('2026-02-28T10:00:00Z'));
		expect(expiryFor(d('2028-02-29T00:00:00Z'), 12)).toEqual(d('2029-02-28T00:00:00Z'));
	});

	it.each([
		// Completed at 06:00 on 31/5 in Vietnam (23:00 UTC on 30/5): valid to 30/6 there, not 1/7.
		['2026-05-30T23:00:00Z', 1, '2026-06-29T23:00:00Z'],
		// Just after midnight on 31/1 in Vietnam; a second before, it was still 30/1 there.
		['2026-01-30T17:00:00Z', 1, '2026-02-27T17:00:00Z'],
		['2026-01-30T16:59:59Z', 1, '2026-02-28T16:59:59Z'],
		// 05:00 on 29/2/2028 in Vietnam plus a year: 28/2/2029 at 05:00 there, not 1/3.
		['2028-02-28T22:00:00Z', 12, '2029-02-27T22:00:00Z'],
		// 06:00 on 31/8 in Vietnam plus 36 months.
		['2026-08-30T23:00:00Z', 36, '2029-08-30T23:00:00Z'],
		// 01:00 on 30/11 in Vietnam plus 3 months: 28/2 there.
		['2026-11-29T18:00:00Z', 3, '2027-02-27T18:00:00Z']
	])('reckons %s + %i months on the calendar in Vietnam: %s', (completed, months, expires) => {
		expect(expiryFor(d(completed), months)).toEqual(d(expires));
	});

	it('expires only for courses that say so, and continues an early renewal from the old expiry', () => {
		expect(expiryFor(d('2026-03-05T00:00:00Z'), null)).toBeNull();
		expect(expiryFor(d('2026-03-05T00:00:00Z'), 36)).toEqual(d('2029-03-05T00:00:00Z'));
		expect(expiryFor(d('2029-01-10T00:00:00Z'), 36, d('2029-03-05T00:00:00Z'))).toEqual(
			d('2032-03-05T00:00:00Z')
		);
		expect(expiryFor(d('2029-06-01T00:00:00Z'), 36, d('2029-03-05T00:00:00Z'))).toEqual(
			d('2032-06-01T00:00:00Z')
		);
	});

	it('allows renewal within 90 days of expiry or after it', () => {
		const expires = d('2029-03-05T00:00:00Z');
		expect(renewalDue(null, d('2040-01-01T00:00:00Z'))).toBe(false);
		expect(renewalDue(expires, d('2028-12-01T00:00:00Z'))).toBe(false);
		expect(renewalDue(expires, d('2028-12-05T00:00:00Z'))).toBe(true);
		expect(renewalDue(expires, d('2030-01-01T00:00:00Z'))).toBe(true);
	});

	it('reports revoked before expired', () => {
		const now = d('2030-01-01T00:00:00Z');
		expect(statusOf({ revokedAt: null, expiresAt: null }, now)).toBe('valid');
		expect(statusOf({ revokedAt: null, expiresAt: d('2031-01-01T00:00:00Z') }, now)).toBe('valid');
		expect(statusOf({ revokedAt: null, expiresAt: d('2029-01-01T00:00:00Z') }, now)).toBe(
			'expired'
		);
		expect(statusOf({ revokedAt: now, expiresAt: d('2029-01-01T00:00:00Z') }, now)).toBe('revoked');
	});
});
