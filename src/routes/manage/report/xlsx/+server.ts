import { reportXlsxResponse } from '$lib/server/reports/download';
import { managerReportScope } from '../access.server';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url }) => {
	const { scope, period } = await managerReportScope(locals, url.searchParams);
	return reportXlsxResponse(locals.db, period, scope);
};
