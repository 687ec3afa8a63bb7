import { error, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { config } from '$lib/server/config';
import { certificateLinks, getCertificateByCode } from '$lib/server/certificates';
import { contentDisposition } from '$lib/server/http/content-disposition';

/**
 * The certificate a download is for, when this user may have it: its holder (unless it was revoked)
 * or an administrator. Everyone else gets the same 404, so codes cannot be probed here.
 */
export async function downloadable(event: Pick<RequestEvent, 'locals' | 'params' | 'url'>) {
	const { locals, url } = event;
	const user = locals.user;
	const code = (event.params as { code?: string }).code ?? '';
	const certificate = user ? await getCertificateByCode(locals.db, code) : undefined;
	const allowed =
		certificate && (user?.isAdmin || (certificate.userId === user?.id && !certificate.revokedAt));
	if (!certificate || !allowed) error(404, m.error_not_found());
	return { certificate, links: certificateLinks(config().origin ?? url.origin) };
}

/** Kept in no cache but the holder's own browser, and by default not even there. */
export function download(
	body: BodyInit,
	type: string,
	filename: string,
	headers: Record<string, string> = {}
): Response {
	return new Response(body, {
		headers: {
			'content-type': type,
			'content-disposition': contentDisposition(filename),
			'cache-control': 'private, no-store',
			...headers
		}
	});
}
