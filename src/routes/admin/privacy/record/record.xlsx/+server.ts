import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { vietnamDay } from '$lib/vietnam-time';
import { config } from '$lib/server/config';
import { contentDisposition } from '$lib/server/http/content-disposition';
import { processingRecord } from '$lib/server/privacy/record';
import { recordSheets } from '$lib/server/privacy/record-xlsx';
import { workbookStream } from '$lib/server/reports/xlsx';
import type { RequestHandler } from './$types';

/** The record of processing activities as a spreadsheet: one sheet per part. */
export const GET: RequestHandler = async ({ locals }) => {
	if (!locals.user?.isAdmin) error(403, m.error_forbidden());
	const record = await processingRecord(locals.db, config());
	const body = workbookStream(recordSheets(record), {
		title: m.privacy_record_title(),
		creator: config().certificates.issuer
	});
	return new Response(body, {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': contentDisposition(
				`ghi-nhan-hoat-dong-xu-ly-${vietnamDay(record.generatedAt)}.xlsx`
			),
			'cache-control': 'no-store'
		}
	});
};
