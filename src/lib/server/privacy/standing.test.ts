import { describe, expect, it } from 'vitest';
import { privacyHold } from './standing';

const adult = { consentVersion: 2, dateOfBirth: '1990-01-01', guardianConsentAt: null };
const options = { requiredVersion: 2, minorAge: 16, today: '2026-12-04' };

describe('privacyHold', () => {
	it('asks for consent to the required version', () => {
		expect(privacyHold(adult, options)).toBeNull();
		expect(privacyHold({ ...adult, consentVersion: null }, options)).toBe('consent');
		expect(privacyHold({ ...adult, consentVersion: 1 }, options)).toBe('consent');
		expect(privacyHold({ ...adult, consentVersion: 3 }, options)).toBeNull();
		expect(
			privacyHold({ ...adult, consentVersion: null }, { ...options, requiredVersion: null })
		).toBeNull();
	});

	it("asks for a guardian's consent below the age, on the birthday's eve", () => {
		const minor = { ...adult, dateOfBirth: '2010-12-05' };
		expect(privacyHold(minor, options)).toBe('guardian');
		expect(privacyHold({ ...minor, guardianConsentAt: new Date() }, options)).toBeNull();
		expect(privacyHold({ ...adult, dateOfBirth: '2010-12-04' }, options)).toBeNull();
		expect(privacyHold({ ...adult, dateOfBirth: null }, options)).toBeNull();
	});
});
