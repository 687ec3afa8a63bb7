import { config } from '$lib/server/config';
import {
	certificateLinks,
	currentSigningKey,
	keyDocument,
	publishedKeys
} from '$lib/server/certificates';
import type { RequestHandler } from './$types';

/**
 * The public keys that sign certificates, as a JWK set (each with its key id) that also lists them as
 * Multikey verification methods: what a downloaded credential's signature is checked against.
 */
export const GET: RequestHandler = async ({ locals, url }) => {
	const c = config();
	// The signing key exists from the first request on, so the document is never empty.
	await currentSigningKey(locals.db, c.certificates.signingKey);
	const links = certificateLinks(c.origin ?? url.origin);
	const body = keyDocument(await publishedKeys(locals.db), links.keys, links.issuer);
	return new Response(JSON.stringify(body, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'cache-control': 'public, max-age=3600',
			// Verifiers in other sites' pages may fetch it.
			'access-control-allow-origin': '*'
		}
	});
};
