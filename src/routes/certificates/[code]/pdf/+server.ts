import { certificateDocument } from '$lib/server/certificates';
import { etagMatches } from '$lib/server/courses/served-files';
import { download, downloadable } from '../access';
import type { RequestHandler } from './$types';

/**
 * The certificate's PDF, as stored once rendered (certificates/documents.ts). Access is checked on
 * every request, so the browser may keep a copy but must ask again (no-cache): a copy it has is
 * answered 304 by its ETag, only after the check.
 */
export const GET: RequestHandler = async (event) => {
	const { certificate, links } = await downloadable(event);
	const { pdf, etag } = await certificateDocument(
		event.locals.db,
		certificate,
		links.verify(certificate.code)
	);
	const headers = { etag, 'cache-control': 'private, no-cache' };
	if (etagMatches(event.request.headers.get('if-none-match'), etag))
		return new Response(null, { status: 304, headers });
	return download(
		pdf as Uint8Array<ArrayBuffer>,
		'application/pdf',
		`giay-chung-nhan-${certificate.number}.pdf`,
		headers
	);
};
