import { m } from '$lib/paraglide/messages';
import { renderSlipsPdf } from '$lib/server/cohorts/slips';
import { config } from '$lib/server/config';
import { contentDisposition } from '$lib/server/http/content-disposition';
import { requireCohort } from '../../../access.server';
import { postedCredentials } from '../credentials.server';
import type { RequestHandler } from './$types';

/**
 * The one-time passwords just shown, as slips to cut out (eight to an A4 page): echoed back from
 * the result screen like the CSV, never stored in clear.
 */
export const POST: RequestHandler = async ({ locals, params, request, url }) => {
	const { cohort } = await requireCohort(locals, params.id);
	const slips = postedCredentials(await request.formData());
	const signIn = new URL('/sign-in', config().origin ?? url.origin).href;
	const pdf = await renderSlipsPdf(slips, signIn, {
		site: m.site_name(),
		title: m.slip_title({ name: cohort.name }),
		identifier: m.import_col_identifier(),
		password: m.slip_password(),
		address: m.slip_address(),
		note: m.slip_note()
	});
	return new Response(pdf as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': contentDisposition(`phieu-dang-nhap-${cohort.name}.pdf`),
			'cache-control': 'no-store'
		}
	});
};
