import { toCsv } from '$lib/server/cohorts/export';
import { rosterTemplate } from '$lib/server/cohorts/roster';
import { contentDisposition } from '$lib/server/http/content-disposition';
import { requireCohort } from '../../../access.server';
import { templateHeader } from '../import.server';
import type { RequestHandler } from './$types';

/** A class list to fill in: the columns the import reads and two example learners. */
export const GET: RequestHandler = async ({ locals, params }) => {
	await requireCohort(locals, params.id);
	return new Response(toCsv(rosterTemplate(templateHeader())), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': contentDisposition('mau-danh-sach-lop.csv'),
			'cache-control': 'private, no-store'
		}
	});
};
