import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { config } from '$lib/server/config';
import { reportXlsxResponse } from '$lib/server/reports/download';
import { parseReportQuery } from '$lib/server/reports/request';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url }) => {
	if (!locals.user?.isAdmin) error(403, m.error_forbidden());
	const query = parseReportQuery(url.searchParams, config().areas);
	return reportXlsxResponse(locals.db, query.period, query.scope);
};
