import { m } from '$lib/paraglide/messages';
import {
	audienceGroups,
	organisationKinds,
	type AudienceGroup,
	type OrganisationKind
} from '$lib/domain';
import { formatNumber } from '$lib/format';
import { audienceName, organisationKindName } from '$lib/labels';
import { localise } from '$lib/localise';

// Names and formats for the six-monthly report, in the reader's language. No server code here.

export type BreakdownName = 'audience' | 'kind' | 'area' | 'course';

export const breakdownTitle: Record<BreakdownName, () => string> = {
	audience: m.report_by_audience,
	kind: m.report_by_kind,
	area: m.report_by_area,
	course: m.report_by_course
};

export function periodName(p: { year: number; half: 1 | 2 }): string {
	return p.half === 1 ? m.report_period_h1({ year: p.year }) : m.report_period_h2({ year: p.year });
}

/** "2026-H1" → "6 tháng đầu năm 2026". */
export function periodNameOf(value: string): string {
	const [year, half] = value.split('-H');
	return periodName({ year: Number(year), half: half === '1' ? 1 : 2 });
}

/** A group's name: an audience, a kind of organisation, an area or a course title. */
export function groupName(
	by: BreakdownName,
	row: { key: string; title?: { vi: string; en?: string } }
): string {
	switch (by) {
		case 'audience':
			return (audienceGroups as readonly string[]).includes(row.key)
				? audienceName(row.key as AudienceGroup)
				: row.key;
		case 'kind':
			if (!row.key) return m.report_no_kind();
			return (organisationKinds as readonly string[]).includes(row.key)
				? organisationKindName(row.key as OrganisationKind)
				: row.key;
		case 'area':
			return row.key || m.report_no_area();
		case 'course':
			return localise(row.title) || row.key;
	}
}

const sign = (n: number) => (n > 0 ? '+' : n < 0 ? '−' : '±');

/** "+4 (+400 %)", or "+2" when the previous period had nothing to compare with. */
export function formatChange(change: { delta: number; percent: number | null }): string {
	const delta = `${sign(change.delta)}${formatNumber(Math.abs(change.delta))}`;
	if (change.percent === null) return delta;
	return `${delta} (${sign(change.percent)}${formatNumber(Math.abs(change.percent))}%)`;
}

export function formatRate(rate: number | null): string {
	return rate === null ? m.report_not_available() : `${formatNumber(rate)}%`;
}

export function formatPoints(points: number | null): string {
	if (points === null) return m.report_not_available();
	return m.report_points({ value: `${sign(points)}${formatNumber(Math.abs(points))}` });
}

/** The scope as a phrase: "Toàn tỉnh", an area, a kind of organisation, organisation names. */
export function scopeName(
	scope:
		| { type: 'all' }
		| { type: 'area'; area: string }
		| { type: 'kind'; kind: string }
		| { type: 'organisations'; names: string[] }
): string {
	switch (scope.type) {
		case 'all':
			return m.report_scope_all();
		case 'area':
			return scope.area;
		case 'kind':
			return groupName('kind', { key: scope.kind });
		case 'organisations':
			return scope.names.join(', ');
	}
}

/** A group of in-person training: as groupName, and a workshop of no course says so. */
export function workshopGroupName(
	by: BreakdownName,
	row: { key: string; title?: { vi: string; en?: string } }
): string {
	if (by === 'course' && row.key === '') return m.ws_rep_no_course();
	return groupName(by, row);
}

/** "72,5%", or "không có" when nobody took the test. */
export function formatScore(value: number | null): string {
	return value === null
		? m.report_not_available()
		: m.ws_rep_percent({ value: formatNumber(value) });
}
