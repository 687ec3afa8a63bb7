import { config } from '$lib/server/config';
import {
	currentSigningKey,
	signedOpenBadge,
	type CertificateStatement
} from '$lib/server/certificates';
import { download, downloadable } from '../access';
import type { RequestHandler } from './$types';

/** The certificate as an Open Badges 3.0 credential, with an eddsa-jcs-2022 proof. */
export const GET: RequestHandler = async (event) => {
	const { certificate, links } = await downloadable(event);
	const key = await currentSigningKey(event.locals.db, config().certificates.signingKey);
	const badge = signedOpenBadge(
		certificate.credential as CertificateStatement,
		links,
		key,
		new Date()
	);
	return download(
		JSON.stringify(badge, null, 2),
		'application/json; charset=utf-8',
		`giay-chung-nhan-${certificate.number}.openbadge.json`
	);
};
