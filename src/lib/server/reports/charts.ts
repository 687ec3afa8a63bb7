import { inArray } from 'drizzle-orm';
import { courses } from '$db/schema';
import { directiveItems } from '$lib/domain';
import type { Database } from '../db';
import { previousPeriod, type HalfYear } from './period';
import { sixMonthlyReport, type Report, type ReportScope } from './report';

/** Enrolments, completions and certificates of one group or one half-year. */
export interface ChartFigures {
	key: string;
	enrolments: number;
	completions: number;
	certificates: number;
}

/**
 * The last four half-years up to the report's, oldest first: the report already holds its own
 * half-year and the one before, so one more report (two half-years earlier) gives the other two.
 */
export async function reportTrend(
	db: Database,
	report: Report,
	scope: ReportScope
): Promise<(ChartFigures & { period: HalfYear })[]> {
	const earlier = await sixMonthlyReport(db, previousPeriod(report.previous), scope);
	const at = (period: HalfYear, figures: Report['total']['current']) => ({
		key: `${period.year}-H${period.half}`,
		period,
		enrolments: figures.enrolments,
		completions: figures.completions,
		certificates: figures.certificates
	});
	return [
		at(earlier.previous, earlier.total.previous),
		at(earlier.period, earlier.total.current),
		at(report.previous, report.total.previous),
		at(report.period, report.total.current)
	];
}

/**
 * The half-year's figures by directive item, summed from the per-course rows with one look-up of
 * the courses' items. A course serving several items counts under each of them.
 */
export async function byDirectiveItem(db: Database, report: Report): Promise<ChartFigures[]> {
	const rows = report.groups.course;
	if (rows.length === 0) return [];
	const items = await db
		.select({ id: courses.id, items: courses.directiveItems })
		.from(courses)
		.where(
			inArray(
				courses.id,
				rows.map((r) => r.key)
			)
		);
	const itemsOf = new Map(items.map((c) => [c.id, c.items]));
	const sums = new Map<string, ChartFigures>();
	for (const row of rows) {
		for (const item of itemsOf.get(row.key) ?? []) {
			const sum = sums.get(item) ?? { key: item, enrolments: 0, completions: 0, certificates: 0 };
			sum.enrolments += row.current.enrolments;
			sum.completions += row.current.completions;
			sum.certificates += row.current.certificates;
			sums.set(item, sum);
		}
	}
	const order = directiveItems as readonly string[];
	return [...sums.values()].sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
}
