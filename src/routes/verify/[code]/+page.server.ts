import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { localizeHref } from '$lib/paraglide/runtime';
import {
	KEYS_PATH,
	normaliseCertificateCode,
	recordUnknownCode,
	verifyCertificate,
	verifyThrottleDelay
} from '$lib/server/certificates';
import type { PageServerLoad } from './$types';

/** Public: anyone holding a certificate's code may see whether it is valid; nothing more. */
export const load: PageServerLoad = async ({ params, locals, getClientAddress, setHeaders }) => {
	setHeaders({ 'x-robots-tag': 'noindex, nofollow', 'cache-control': 'no-store' });
	const code = normaliseCertificateCode(params.code);
	// Typed as printed (k7qm-4xr9-tz2b): one address per certificate.
	if (code && code !== params.code) redirect(301, localizeHref(`/verify/${code}`));
	const address = getClientAddress();
	const wait = await verifyThrottleDelay(locals.db, address);
	if (wait > 0) error(429, m.verify_throttled({ minutes: Math.ceil(wait / 60) }));
	const result = code ? await verifyCertificate(locals.db, code) : { status: 'not_found' as const };
	if (result.status === 'not_found') await recordUnknownCode(locals.db, address);
	return { code: code ?? params.code.slice(0, 32), result, keysPath: KEYS_PATH };
};
