import { organisationKinds } from '$lib/domain';
import { formatPeriod, parsePeriod, periodOf, recentPeriods, type HalfYear } from './period';
import type { ReportScope } from './report';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the report form sent, validated; anything unknown falls back to the whole province. */
export interface ReportQuery {
	period: HalfYear;
	scope: ReportScope;
	/** The query string that reproduces this report (for the print and XLSX links). */
	search: string;
}

/** The half-years offered in the form: the current one and the seven before it, newest first. */
export function periodChoices(now = new Date()): string[] {
	return recentPeriods(periodOf(now), 8).map(formatPeriod).reverse();
}

/** Reads ?period=2026-H1&scope=area&area=…; `areas` is the configured list an area must be in. */
export function parseReportQuery(
	params: URLSearchParams,
	areas: string[],
	now = new Date()
): ReportQuery {
	const period = parsePeriod(params.get('period')) ?? periodOf(now);
	const type = params.get('scope');
	const area = params.get('area') ?? '';
	const kind = params.get('kind') ?? '';
	const organisation = params.get('organisation') ?? '';
	let scope: ReportScope = { type: 'all' };
	if (type === 'area' && areas.includes(area)) scope = { type: 'area', area };
	else if (type === 'kind' && (organisationKinds as readonly string[]).includes(kind))
		scope = { type: 'kind', kind };
	else if (type === 'organisation' && UUID.test(organisation))
		scope = { type: 'organisation', organisationId: organisation.toLowerCase() };
	const search = new URLSearchParams({ period: formatPeriod(period), scope: scope.type });
	if (scope.type === 'area') search.set('area', scope.area);
	if (scope.type === 'kind') search.set('kind', scope.kind);
	if (scope.type === 'organisation') search.set('organisation', scope.organisationId);
	return { period, scope, search: search.toString() };
}
