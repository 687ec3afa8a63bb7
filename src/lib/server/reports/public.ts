import type { Localised } from '$db/schema';
import type { Database } from '../db';
import { isSuppressed } from './arithmetic';
import { recentPeriods, type HalfYear } from './period';
import { reportBreakdown, type ReportRow } from './report';

/** A published group: its counts, or none at all when it has fewer than five learners. */
export interface PublicRow {
	key: string;
	title?: Localised;
	suppressed: boolean;
	learners: number | null;
	enrolments: number | null;
	completions: number | null;
	certificates: number | null;
}

/** Strips a report row to what may be published: aggregates only, small groups withheld. */
export function publicRow(row: ReportRow): PublicRow {
	const suppressed = isSuppressed(row.current.learners);
	const shown = (n: number) => (suppressed ? null : n);
	return {
		key: row.key,
		title: row.title,
		suppressed,
		learners: shown(row.current.learners),
		enrolments: shown(row.current.enrolments),
		completions: shown(row.current.completions),
		certificates: shown(row.current.certificates)
	};
}

/** The public statistics: totals of the last four half-years, and the chosen one by area and course. */
export async function publicStatistics(db: Database, period: HalfYear) {
	const all = { type: 'all' } as const;
	const periods = recentPeriods(period, 4);
	const [totals, areas, courses] = await Promise.all([
		Promise.all(periods.map((p) => reportBreakdown(db, p, 'total', all))),
		reportBreakdown(db, period, 'area', all),
		reportBreakdown(db, period, 'course', all)
	]);
	return {
		period,
		totals: periods.map((p, i) => ({ period: p, ...publicRow(totals[i][0]) })),
		// Learners with no area are counted in the totals but not listed as a group.
		areas: areas.filter((r) => r.key !== '').map(publicRow),
		courses: courses.map(publicRow)
	};
}
