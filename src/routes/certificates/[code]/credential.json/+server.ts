import { signedCredential } from '$lib/server/certificates';
import { download, downloadable } from '../access';
import type { RequestHandler } from './$types';

/** The statement as signed at issue, with its Ed25519 signature: `npm run cli -- verify` checks it. */
export const GET: RequestHandler = async (event) => {
	const { certificate, links } = await downloadable(event);
	const body = signedCredential(certificate, {
		verify: links.verify(certificate.code),
		keys: links.keys
	});
	return download(
		JSON.stringify(body, null, 2),
		'application/json; charset=utf-8',
		`giay-chung-nhan-${certificate.number}.json`
	);
};
