import { m } from '$lib/paraglide/messages';
import { describeScope } from '$lib/server/reports/describe';
import { reportIssuer, vietnamDateParts } from '$lib/server/reports/print';
import { sixMonthlyReport } from '$lib/server/reports/report';
import { managerReportScope } from '../access.server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { scope, period, search } = await managerReportScope(locals, url.searchParams);
	const [report, described] = await Promise.all([
		sixMonthlyReport(locals.db, period, scope),
		describeScope(locals.db, scope)
	]);
	const now = new Date();
	// A unit's own report is issued by the unit; the platform's issuer stands in when there are several.
	const issuer = reportIssuer();
	if (described.type === 'organisations' && described.names.length === 1) {
		issuer.issuer = described.names[0];
		issuer.signatoryTitle = m.report_print_unit_head();
		issuer.signatoryName = null;
	}
	return {
		report,
		scope: described,
		search,
		issuer,
		date: vietnamDateParts(now),
		generatedAt: now.toISOString()
	};
};
