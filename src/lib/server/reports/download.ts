import { m } from '$lib/paraglide/messages';
import { scopeName } from '$lib/reports';
import { config } from '../config';
import type { Database } from '../db';
import { describeScope } from './describe';
import { formatPeriod, type HalfYear } from './period';
import { sixMonthlyReport, type ReportScope } from './report';
import { reportSheets } from './sheets';
import { workbookStream } from './xlsx';
import { contentDisposition } from '$lib/server/http/content-disposition';

/** The report as an XLSX download: a summary sheet and one sheet per breakdown. */
export async function reportXlsxResponse(
	db: Database,
	period: HalfYear,
	scope: ReportScope
): Promise<Response> {
	const [report, described] = await Promise.all([
		sixMonthlyReport(db, period, scope),
		describeScope(db, scope)
	]);
	const body = workbookStream(reportSheets(report, scopeName(described)), {
		title: m.report_title(),
		creator: config().certificates.issuer
	});
	return new Response(body, {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': contentDisposition(`bao-cao-${formatPeriod(period)}.xlsx`),
			'cache-control': 'no-store'
		}
	});
}
