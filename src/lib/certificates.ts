import { m } from '$lib/paraglide/messages';

// Certificate words for pages, in the reader's language.

export type CertificateStatus = 'valid' | 'revoked' | 'expired';

const statusLabel: Record<CertificateStatus, () => string> = {
	valid: m.cert_status_valid,
	revoked: m.cert_status_revoked,
	expired: m.cert_status_expired
};

export const certificateStatusName = (status: CertificateStatus) => statusLabel[status]();

/** The code in groups of four, as printed on the PDF. */
export const groupedCode = (code: string) => code.match(/.{1,4}/g)?.join('-') ?? code;

/**
 * Where a certificate's holder finds it on this site: its public page (the address its QR code and
 * share link hold, see certificateLinks), the PDF and the two machine-readable files.
 */
export const certificatePaths = (code: string) => ({
	verify: `/verify/${code}`,
	pdf: `/certificates/${code}/pdf`,
	credential: `/certificates/${code}/credential.json`,
	badge: `/certificates/${code}/badge.json`
});
