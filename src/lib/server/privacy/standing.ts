/**
 * Whether a signed-in person may go on using the platform, or must first agree to the notice
 * ('consent') or wait for a guardian's consent to be recorded ('guardian'); hooks/route-access.ts
 * sends them to /privacy/consent or /privacy/guardian.
 */
import { ageOn, type CalendarDay } from '$lib/vietnam-time';

export type PrivacyHold = 'consent' | 'guardian';

export interface StandingUser {
	consentVersion: number | null;
	dateOfBirth: string | null;
	guardianConsentAt: Date | null;
}

export function isMinor(dateOfBirth: string | null, minorAge: number, today: CalendarDay): boolean {
	return dateOfBirth !== null && ageOn(dateOfBirth as CalendarDay, today) < minorAge;
}

export function privacyHold(
	user: StandingUser,
	options: { requiredVersion: number | null; minorAge: number; today: CalendarDay }
): PrivacyHold | null {
	const { requiredVersion, minorAge, today } = options;
	if (
		requiredVersion !== null &&
		(user.consentVersion === null || user.consentVersion < requiredVersion)
	)
		return 'consent';
	if (isMinor(user.dateOfBirth, minorAge, today) && user.guardianConsentAt === null)
		return 'guardian';
	return null;
}
