/**
 * Whether a signed-in person may go on using the platform, or must first agree to the notice
 * ('consent') or wait for a guardian's consent to be recorded ('guardian'); hooks/route-access.ts
 * sends them to /privacy/consent or /privacy/guardian.
 */
import { addMonths, ageOn, type CalendarDay } from '$lib/vietnam-time';

export type PrivacyHold = 'consent' | 'guardian';

export interface StandingUser {
	consentVersion: number | null;
	dateOfBirth: string | null;
	guardianConsentAt: Date | null;
}

/**
 * Under `minorAge` on `today` (Vietnam time), by the date of birth; no date of birth: not known to
 * be. The one rule: the guard, the guardian pages and staff lists all ask it (SQL lists select by
 * minorBornAfter below, tested to agree).
 */
export function isMinor(
	dateOfBirth: CalendarDay | null | undefined,
	today: CalendarDay,
	minorAge: number
): boolean {
	if (!dateOfBirth) return false;
	return ageOn(dateOfBirth, today) < minorAge;
}

/**
 * The birthday of someone who turns `minorAge` today: anyone born after it is a minor, the same
 * answer as ageOn gives (born 29/2, one comes of age on 1/3 in a common year: addMonths gives 28/2,
 * and 29/2 is after it).
 */
export function minorBornAfter(today: CalendarDay, minorAge: number): CalendarDay {
	return addMonths(today, -12 * minorAge);
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
	if (isMinor(user.dateOfBirth, today, minorAge) && user.guardianConsentAt === null)
		return 'guardian';
	return null;
}
