import { m } from '$lib/paraglide/messages';
import {
	breakdownTitle,
	groupName,
	periodName,
	workshopGroupName,
	type BreakdownName
} from '$lib/reports';
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

const order: BreakdownName[] = ['audience', 'kind', 'area', 'course'];

/** In-person training: people trained together, the day's tests and survey, then every group. */
function inPersonSheets(report: Report, title: string): Sheet[] {
	const w = report.inPerson;
	const period = (label: string) => [
		`${label} – ${m.report_current()}`,
		`${label} – ${m.report_previous()}`
	];
	const summary: Cell[][] = [
		[m.ws_rep_online_learners(), report.total.current.learners, report.total.previous.learners],
		[m.ws_rep_workshops(), w.total.current.workshops, w.total.previous.workshops],
		[m.ws_rep_participants(), w.total.current.participants, w.total.previous.participants],
		[m.ws_rep_attendances(), w.total.current.attendances, w.total.previous.attendances],
		[m.ws_rep_trained(), w.trained.current, w.trained.previous],
		[`${m.ws_rep_pre()} (%)`, w.outcomes.preAverage, null],
		[`${m.ws_rep_post()} (%)`, w.outcomes.postAverage, null],
		[m.ws_rep_gain({ count: w.outcomes.paired }), w.outcomes.gain, null],
		[m.ws_rep_satisfaction({ count: w.outcomes.responses }), w.outcomes.satisfaction, null],
		[m.ws_rep_certificates(), w.attendanceCertificates, null],
		[m.ws_rep_trained_note(), null, null]
	];
	const groups: Cell[][] = [[title, ...figuresOf(w.total)]];
	for (const by of order)
		for (const row of w.groups[by])
			groups.push([`${breakdownTitle[by]()}: ${workshopGroupName(by, row)}`, ...figuresOf(row)]);
	return [
		{
			name: m.ws_rep_sheet_summary(),
			header: [title, m.report_current(), m.report_previous()],
			rows: summary
		},
		{
			name: m.ws_rep_sheet(),
			header: [
				m.report_group(),
				...period(m.ws_rep_workshops()),
				...period(m.ws_rep_participants()),
				...period(m.ws_rep_attendances())
			],
			rows: groups
		}
	];
}

function figuresOf(row: Report['inPerson']['total']): Cell[] {
	return [
		row.current.workshops,
		row.previous.workshops,
		row.current.participants,
		row.previous.participants,
		row.current.attendances,
		row.previous.attendances
	];
}

/** The report as worksheets, in the reader's language: the summary, then one per breakdown. */
export function reportSheets(report: Report, scope: string): Sheet[] {
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
		})),
		...inPersonSheets(report, title)
	];
}
