/** How close to expiry a certificate may be renewed, and how far ahead administrators are warned. */
export const RENEWAL_WINDOW_DAYS = 90;
const DAY = 24 * 60 * 60 * 1000;

/** The same day `months` later (or the month's last day: 31/1 + 1 month is 28/2), same time of day. */
export function addMonths(from: Date, months: number): Date {
	const result = new Date(from);
	const day = result.getUTCDate();
	result.setUTCDate(1);
	result.setUTCMonth(result.getUTCMonth() + months);
	const lastDay = new Date(
		Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)
	).getUTCDate();
	result.setUTCDate(Math.min(day, lastDay));
	return result;
}

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
	return addMonths(start, validityMonths);
}

/** A certificate may be renewed once it has expired or expires within the renewal window. */
export function renewalDue(expiresAt: Date | null, now: Date): boolean {
	return expiresAt !== null && expiresAt.getTime() - now.getTime() <= RENEWAL_WINDOW_DAYS * DAY;
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
