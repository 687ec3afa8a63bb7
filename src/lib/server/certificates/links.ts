import { certificatePaths } from '$lib/certificates';

/** The public addresses a certificate refers to, from the server's origin (ORIGIN or the request's). */
export const KEYS_PATH = '/.well-known/sach-hon-keys.json';

export interface CertificateLinks {
	issuer: string;
	keys: string;
	verify: (code: string) => string;
	course: (slug: string) => string;
	verificationMethod: (keyId: string) => string;
}

export function certificateLinks(origin: string): CertificateLinks {
	const base = origin.replace(/\/+$/, '');
	return {
		issuer: `${base}/`,
		keys: `${base}${KEYS_PATH}`,
		verify: (code) => `${base}${certificatePaths(code).verify}`,
		course: (slug) => `${base}/courses/${slug}`,
		verificationMethod: (keyId) => `${base}${KEYS_PATH}#${keyId}`
	};
}
