import { certificateDocument } from '$lib/server/certificates';
import { etagMatches } from '$lib/server/courses/served-files';
import { download, downloadable } from '../access';
import type { RequestHandler } from './$types';

/**
 * The certificate's PDF, as stored once rendered (certificates/documents.ts). Access is checked on
 * every request. It carries personal data and is often fetched on shared computers (an office, a
 * school's room), so browsers are told to keep no copy (no-store), as the other downloads of the
 * certificate are; a client that kept one anyway and names its ETag is answered 304, after the check.
 */
export const GET: RequestHandler = async (event) => {
	const { certificate, links } = await downloadable(event);
	const { pdf, etag } = await certificateDocument(
		event.locals.db,
		certificate,
		links.verify(certificate.code)
	);
	const headers = { etag, 'cache-control': 'private, no-store' };
	if (etagMatches(event.request.headers.get('if-none-match'), etag))
		return new Response(null, { status: 304, headers });
	return download(
		pdf as Uint8Array<ArrayBuffer>,
		'application/pdf',
		`giay-chung-nhan-${certificate.number}.pdf`,
		headers
	);
};
