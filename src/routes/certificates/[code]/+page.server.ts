import { redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import { certificatePaths } from '$lib/certificates';
import { statusOf } from '$lib/server/certificates/expiry';
import type { CertificateStatement } from '$lib/server/certificates/statement';
import { downloadable } from './access';
import type { PageServerLoad } from './$types';

/**
 * The holder's own certificate (the link of the "certificate issued" message): what it certifies,
 * the graded practicum it rests on, and its downloads. Only its holder or an administrator; a reader
 * not signed in signs in first, everyone else gets the same 404 as the downloads.
 */
export const load: PageServerLoad = async (event) => {
	event.setHeaders({ 'cache-control': 'private, no-store' });
	if (!event.locals.user) {
		const back = event.url.pathname + event.url.search;
		redirect(303, localizeHref(`/sign-in?redirectTo=${encodeURIComponent(back)}`));
	}
	const { certificate, links } = await downloadable(event);
	const statement = certificate.credential as CertificateStatement;
	const paths = certificatePaths(certificate.code);
	return {
		certificate: {
			number: certificate.number,
			kind: certificate.kind,
			status: statusOf(certificate, new Date()),
			holder: certificate.fullName,
			course: certificate.courseTitle,
			completedAt: certificate.completedAt,
			issuedAt: certificate.issuedAt,
			expiresAt: certificate.expiresAt,
			renews: statement.renews ?? null,
			assessments: statement.assessments ?? [],
			paths,
			share: links.verify(certificate.code)
		}
	};
};
