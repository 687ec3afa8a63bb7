import { renderCertificatePdf, type CertificateStatement } from '$lib/server/certificates';
import { download, downloadable } from '../access';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { certificate, links } = await downloadable(event);
	const pdf = await renderCertificatePdf(
		certificate.credential as CertificateStatement,
		links.verify(certificate.code)
	);
	// A copy typed as an ArrayBuffer view, which Response accepts.
	return download(
		new Uint8Array(pdf),
		'application/pdf',
		`giay-chung-nhan-${certificate.number}.pdf`
	);
};
