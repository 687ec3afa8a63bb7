import { m } from '$lib/paraglide/messages';
import { breakdownTitle, groupName, periodName, type BreakdownName } from '$lib/reports';
import type { Report, ReportRow } from './report';
import type { Cell, Sheet } from './xlsx';

const COUNTS = [
	['enrolments', m.report_enrolments],
	['completions', m.report_completions],
	['certificates', m.report_certificates]
] as const;

function header(): string[] {
	const out: string[] = [m.report_group()];
	for (const [, label] of COUNTS) {
		out.push(
			`${label()} – ${m.report_current()}`,
			`${label()} – ${m.report_previous()}`,
			`${label()} – ${m.report_change()}`,
			`${label()} – ${m.report_change()} (%)`
		);
	}
	out.push(
		`${m.report_pass_rate()} – ${m.report_current()} (%)`,
		`${m.report_pass_rate()} – ${m.report_previous()} (%)`,
		`${m.report_pass_rate()} – ${m.report_change()}`
	);
	return out;
}

function cells(name: string, row: ReportRow): Cell[] {
	const out: Cell[] = [name];
	for (const [key] of COUNTS) {
		out.push(row.current[key], row.previous[key], row.change[key].delta, row.change[key].percent);
	}
	out.push(row.passRate, row.previousPassRate, row.passRateChange);
	return out;
}

/** The report as worksheets, in the reader's language: the summary, then one per breakdown. */
export function reportSheets(report: Report, scope: string): Sheet[] {
	const order: BreakdownName[] = ['audience', 'kind', 'area', 'course'];
	const title = `${periodName(report.period)} · ${scope}`;
	return [
		{
			name: m.report_totals(),
			header: header(),
			rows: [cells(title, report.total)]
		},
		...order.map((by) => ({
			name: breakdownTitle[by](),
			header: header(),
			rows: report.groups[by].map((row) => cells(groupName(by, row), row))
		}))
	];
}
