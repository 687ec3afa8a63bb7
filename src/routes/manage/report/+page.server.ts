import { describeScope } from '$lib/server/reports/describe';
import { sixMonthlyReport } from '$lib/server/reports/report';
import { periodChoices } from '$lib/server/reports/request';
import { managerReportScope } from './access.server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { scope, period, search } = await managerReportScope(locals, url.searchParams);
	const [report, described] = await Promise.all([
		sixMonthlyReport(locals.db, period, scope),
		describeScope(locals.db, scope)
	]);
	return {
		report,
		scope: described,
		search,
		periodValue: `${period.year}-H${period.half}`,
		periods: periodChoices()
	};
};
