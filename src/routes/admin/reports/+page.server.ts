import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { config } from '$lib/server/config';
import { listOrganisations } from '$lib/server/organisations';
import { byDirectiveItem, reportTrend } from '$lib/server/reports/charts';
import { describeScope } from '$lib/server/reports/describe';
import { sixMonthlyReport } from '$lib/server/reports/report';
import { parseReportQuery, periodChoices, scopeChoice } from '$lib/server/reports/request';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (!locals.user?.isAdmin) error(403, m.error_forbidden());
	const areas = config().areas;
	const query = parseReportQuery(url.searchParams, areas);
	const [report, scope, organisations] = await Promise.all([
		sixMonthlyReport(locals.db, query.period, query.scope),
		describeScope(locals.db, query.scope),
		listOrganisations(locals.db)
	]);
	const [directive, trend] = await Promise.all([
		byDirectiveItem(locals.db, report),
		reportTrend(locals.db, report, query.scope)
	]);
	return {
		report,
		directive,
		trend,
		scope,
		query: {
			...query,
			periodValue: `${query.period.year}-H${query.period.half}`,
			scopeValue: scopeChoice(query.scope)
		},
		periods: periodChoices(),
		areas,
		organisations: organisations.map((o) => ({ id: o.id, name: o.name }))
	};
};
