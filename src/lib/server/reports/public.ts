import type { Localised } from '$db/schema';
import { sharedCache } from '../cache';
import type { Database } from '../db';
import { isSuppressed } from './arithmetic';
import { formatPeriod, recentPeriods, type HalfYear } from './period';
import { sixMonthlyReport, type Figures, type ReportRow } from './report';
import type { WorkshopRow } from './workshops';

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
export function publicRow(row: ReportRow, figures: Figures = row.current): PublicRow {
	const suppressed = isSuppressed(figures.learners);
	const shown = (n: number) => (suppressed ? null : n);
	return {
		key: row.key,
		title: row.title,
		suppressed,
		learners: shown(figures.learners),
		enrolments: shown(figures.enrolments),
		completions: shown(figures.completions),
		certificates: shown(figures.certificates)
	};
}

/** A published group of in-person training: withheld, by the same rule, under five participants. */
export interface PublicWorkshopRow {
	key: string;
	suppressed: boolean;
	workshops: number | null;
	participants: number | null;
	attendances: number | null;
}

export function publicWorkshopRow(row: WorkshopRow): PublicWorkshopRow {
	const suppressed = isSuppressed(row.current.participants);
	const shown = (n: number) => (suppressed ? null : n);
	return {
		key: row.key,
		suppressed,
		workshops: shown(row.current.workshops),
		participants: shown(row.current.participants),
		attendances: shown(row.current.attendances)
	};
}

/**
 * The public statistics: totals of the last four half-years, the chosen one by area and course, and
 * its in-person training (workshops held, participants, attendances) in total, by area and audience.
 */
export async function publicStatistics(db: Database, period: HalfYear) {
	const all = { type: 'all' } as const;
	const periods = recentPeriods(period, 4);
	// A report carries the half-year before it as well: two reports cover the four half-years.
	const [earlier, report] = await Promise.all([
		sixMonthlyReport(db, periods[1], all),
		sixMonthlyReport(db, period, all)
	]);
	const totals = [
		earlier.total.previous,
		earlier.total.current,
		report.total.previous,
		report.total.current
	];
	return {
		period,
		totals: periods.map((p, i) => ({ period: p, ...publicRow(report.total, totals[i]) })),
		// Learners with no area are counted in the totals but not listed as a group.
		areas: report.groups.area.filter((r) => r.key !== '').map((r) => publicRow(r)),
		courses: report.groups.course.map((r) => publicRow(r)),
		workshops: {
			total: publicWorkshopRow(report.inPerson.total),
			// Workshops with no area are counted in the total but not listed as a group.
			areas: report.inPerson.groups.area
				.filter((r) => r.key !== '')
				.map((r) => publicWorkshopRow(r)),
			audiences: report.inPerson.groups.audience.map((r) => publicWorkshopRow(r))
		}
	};
}

/**
 * The public statistics as every visitor sees them (aggregates, nobody's own figures), kept for a
 * minute: two whole six-monthly reports per period are worth computing once for many visitors, and
 * the page already tells browsers and proxies it may be five minutes old.
 */
const publicCache = sharedCache<Awaited<ReturnType<typeof publicStatistics>>>({
	ttlMs: 60_000,
	max: 20
});

export function cachedPublicStatistics(db: Database, period: HalfYear) {
	return publicCache.get(db, formatPeriod(period), () => publicStatistics(db, period));
}
