import { addDaysAt, addMonthsAt } from '$lib/vietnam-time';

/** How close to expiry a certificate may be renewed, and how far ahead administrators are warned. */
export const RENEWAL_WINDOW_DAYS = 90;

/**
 * When a certificate completed at `completedAt` expires, for a course whose certificates last
 * `validityMonths` (null: never). A renewal taken before the old certificate expired continues from
 * its expiry, so renewing early costs the learner nothing.
 */
export function expiryFor(
	completedAt: Date,
	validityMonths: number | null,
	previousExpiry?: Date | null
): Date | null {
	if (!validityMonths) return null;
	const start =
		previousExpiry && previousExpiry.getTime() > completedAt.getTime()
			? previousExpiry
			: completedAt;
	// On the calendar in Vietnam, where the learner finished: the same day of the month (or the
	// month's last day) at the same time of day there; see addMonthsAt for the clamping rule.
	return addMonthsAt(start, validityMonths);
}

/** A certificate may be renewed once it has expired or expires within the renewal window. */
export function renewalDue(expiresAt: Date | null, now: Date): boolean {
	return expiresAt !== null && expiresAt.getTime() <= addDaysAt(now, RENEWAL_WINDOW_DAYS).getTime();
}

export type CertificateStatus = 'valid' | 'revoked' | 'expired';

/** Revocation wins over expiry: a revoked certificate is reported as revoked whatever its date. */
export function statusOf(
	certificate: { revokedAt: Date | null; expiresAt: Date | null },
	now: Date
): CertificateStatus {
	if (certificate.revokedAt) return 'revoked';
	if (certificate.expiresAt && certificate.expiresAt.getTime() <= now.getTime()) return 'expired';
	return 'valid';
}
