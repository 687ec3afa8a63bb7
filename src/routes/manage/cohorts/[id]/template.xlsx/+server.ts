import { m } from '$lib/paraglide/messages';
import { toXlsx } from '$lib/server/cohorts/export';
import { rosterTemplate } from '$lib/server/cohorts/roster';
import { contentDisposition } from '$lib/server/http/content-disposition';
import { requireCohort } from '../../../access.server';
import { templateHeader } from '../import.server';
import type { RequestHandler } from './$types';

/** The class-list template as a workbook (see template.csv). */
export const GET: RequestHandler = async ({ locals, params }) => {
	await requireCohort(locals, params.id);
	return new Response(toXlsx(m.import_template_sheet(), rosterTemplate(templateHeader())), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': contentDisposition('mau-danh-sach-lop.xlsx'),
			'cache-control': 'private, no-store'
		}
	});
};
