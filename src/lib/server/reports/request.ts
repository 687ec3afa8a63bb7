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

/**
 * Reads ?period=2026-H1&scope=area&area=…, or the form's one choice ?scope=area:Ba Tri (also
 * kind:school, organisation:<id>); `areas` is the configured list an area must be in. The search
 * it gives back is always the long form.
 */
export function parseReportQuery(
	params: URLSearchParams,
	areas: string[],
	now = new Date()
): ReportQuery {
	const period = parsePeriod(params.get('period')) ?? periodOf(now);
	const [type, chosen] = splitScope(params.get('scope') ?? '');
	const area = chosen ?? params.get('area') ?? '';
	const kind = chosen ?? params.get('kind') ?? '';
	const organisation = chosen ?? params.get('organisation') ?? '';
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

/** "area:Ba Tri" → ['area', 'Ba Tri']; "area" → ['area', null]. */
function splitScope(value: string): [string, string | null] {
	const colon = value.indexOf(':');
	return colon < 0 ? [value, null] : [value.slice(0, colon), value.slice(colon + 1)];
}

/** The form's one value for a scope: 'all', 'area:Ba Tri', 'kind:school', 'organisation:<id>'. */
export function scopeChoice(scope: ReportScope): string {
	switch (scope.type) {
		case 'area':
			return `area:${scope.area}`;
		case 'kind':
			return `kind:${scope.kind}`;
		case 'organisation':
			return `organisation:${scope.organisationId}`;
		default:
			return 'all';
	}
}
