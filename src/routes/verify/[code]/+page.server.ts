import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { localizeHref } from '$lib/paraglide/runtime';
import { KEYS_PATH, lookUpCertificate, normaliseCertificateCode } from '$lib/server/certificates';
import type { PageServerLoad } from './$types';

/** Public: anyone holding a certificate's code may see whether it is valid; nothing more. */
export const load: PageServerLoad = async ({ params, locals, getClientAddress, setHeaders }) => {
	setHeaders({ 'x-robots-tag': 'noindex, nofollow', 'cache-control': 'no-store' });
	const code = normaliseCertificateCode(params.code);
	// Typed as printed (k7qm-4xr9-tz2b): one address per certificate.
	if (code && code !== params.code) redirect(301, localizeHref(`/verify/${code}`));
	const result = await lookUpCertificate(locals.db, code, getClientAddress());
	if (result.status === 'throttled') {
		error(429, m.verify_throttled({ minutes: Math.ceil(result.retryAfterSeconds / 60) }));
	}
	return { code: code ?? params.code.slice(0, 32), result, keysPath: KEYS_PATH };
};
