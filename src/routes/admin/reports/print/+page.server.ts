import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { config } from '$lib/server/config';
import { describeScope } from '$lib/server/reports/describe';
import { reportIssuer, vietnamDateParts } from '$lib/server/reports/print';
import { sixMonthlyReport } from '$lib/server/reports/report';
import { parseReportQuery } from '$lib/server/reports/request';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (!locals.user?.isAdmin) error(403, m.error_forbidden());
	const query = parseReportQuery(url.searchParams, config().areas);
	const [report, scope] = await Promise.all([
		sixMonthlyReport(locals.db, query.period, query.scope),
		describeScope(locals.db, query.scope)
	]);
	const now = new Date();
	return {
		report,
		scope,
		search: query.search,
		back: '/admin/reports',
		issuer: reportIssuer(),
		date: vietnamDateParts(now),
		generatedAt: now.toISOString()
	};
};
