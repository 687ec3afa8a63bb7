import { describe, expect, it } from 'vitest';
import { addMonths, expiryFor, renewalDue, statusOf } from './expiry';

const d = (iso: string) => new Date(iso);

describe('certificate expiry', () => {
	it('adds months, keeping the day where the month has it', () => {
		expect(addMonths(d('2026-03-05T02:00:00Z'), 36)).toEqual(d('2029-03-05T02:00:00Z'));
		expect(addMonths(d('2026-01-31T10:00:00Z'), 1)).toEqual(d('2026-02-28T10:00:00Z'));
		expect(addMonths(d('2028-02-29T00:00:00Z'), 12)).toEqual(d('2029-02-28T00:00:00Z'));
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
