import { m } from '$lib/paraglide/messages';
import { credentialsTable, toCsv } from '$lib/server/cohorts/export';
import { contentDisposition } from '$lib/server/http/content-disposition';
import { requireCohort } from '../../../access.server';
import { postedCredentials } from '../credentials.server';
import type { RequestHandler } from './$types';

/** Echoes the one-time passwords just shown back as a sheet: they are never stored in clear. */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	await requireCohort(locals, params.id);
	const rows = postedCredentials(await request.formData());
	const header: [string, string, string] = [
		m.import_col_name(),
		m.import_col_identifier(),
		m.import_col_password()
	];
	return new Response(toCsv(credentialsTable(rows, header)), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': contentDisposition('mat-khau-lop.csv'),
			'cache-control': 'no-store'
		}
	});
};
