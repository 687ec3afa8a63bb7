import { describe, expect, it } from 'vitest';
import { formatCertificateNumber } from './number';

describe('certificate numbers', () => {
	it('prints the year of issue and the register number on six digits', () => {
		expect(formatCertificateNumber(123, new Date('2026-03-05T02:00:00Z'))).toBe('SH-2026-000123');
		expect(formatCertificateNumber(1234567, new Date('2026-03-05T02:00:00Z'))).toBe(
			'SH-2026-1234567'
		);
	});

	it("takes the year in Viet Nam's time zone", () => {
		expect(formatCertificateNumber(7, new Date('2026-12-31T16:59:59Z'))).toBe('SH-2026-000007');
		expect(formatCertificateNumber(7, new Date('2026-12-31T17:00:00Z'))).toBe('SH-2027-000007');
	});
});
