import { sql, type SQL } from 'drizzle-orm';
import type { Localised } from '$db/schema';
import type { Database } from '../db';
import { change, passRate, pointChange, type Change } from './arithmetic';
import { periodRange, previousPeriod, type HalfYear } from './period';

export const breakdowns = ['audience', 'kind', 'area', 'course'] as const;
export type Breakdown = (typeof breakdowns)[number];

/** Whose results: everything, an area, a kind of organisation, one organisation (with those under it). */
export type ReportScope =
	| { type: 'all' }
	| { type: 'area'; area: string }
	| { type: 'kind'; kind: string }
	| { type: 'organisation'; organisationId: string }
	/** A manager's own organisations (and those under them). */
	| { type: 'organisations'; organisationIds: string[] };

export interface Figures {
	enrolments: number;
	completions: number;
	certificates: number;
	/** Distinct learner × course pairs that submitted an attempt, and those that passed one. */
	attempted: number;
	passed: number;
	/** Distinct learners with any activity: what small-group suppression counts. */
	learners: number;
}

export interface ReportRow {
	/** The group's value: an audience, a kind, an area, a course id; '' when unknown. */
	key: string;
	/** A course's title; other groups are named by the page in the reader's language. */
	title?: Localised;
	current: Figures;
	previous: Figures;
	change: { enrolments: Change; completions: Change; certificates: Change };
	passRate: number | null;
	previousPassRate: number | null;
	/** Change of the pass rate in percentage points. */
	passRateChange: number | null;
}

export interface Report {
	period: HalfYear;
	previous: HalfYear;
	total: ReportRow;
	groups: Record<Breakdown, ReportRow[]>;
}

/** The organisations a scope names, with every organisation beneath them. */
function organisationTree(ids: string[]): SQL {
	const list = sql.join(
		ids.map((id) => sql`${id}::uuid`),
		sql`, `
	);
	return sql`(with recursive tree(id) as (
		select id from organisations where id in (${list})
		union select o.id from organisations o join tree t on o.parent_id = t.id
	) select id from tree)`;
}

function scopeFilter(scope: ReportScope): SQL {
	switch (scope.type) {
		case 'all':
			return sql`true`;
		case 'area':
			return sql`coalesce(u.area, o.area) = ${scope.area}`;
		case 'kind':
			return sql`o.kind = ${scope.kind}`;
		case 'organisation':
			return sql`u.organisation_id in ${organisationTree([scope.organisationId])}`;
		case 'organisations':
			return scope.organisationIds.length === 0
				? sql`false`
				: sql`u.organisation_id in ${organisationTree(scope.organisationIds)}`;
	}
}

const groupKey: Record<Breakdown | 'total', SQL> = {
	audience: sql`u.audience`,
	kind: sql`coalesce(o.kind, '')`,
	// A learner's own area first; otherwise the area of their organisation.
	area: sql`coalesce(u.area, o.area, '')`,
	course: sql`ev.course_id::text`,
	total: sql`''`
};

interface Row {
	key: string;
	title: Localised | null;
	[figure: string]: unknown;
}

function rowsOf(result: unknown): Row[] {
	// postgres.js returns the rows; PGlite returns { rows }.
	return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Row[];
}

const FIGURES = ['enrolments', 'completions', 'certificates', 'attempted', 'passed', 'learners'];

function figures(row: Row | undefined, suffix: string): Figures {
	const out = {} as Record<string, number>;
	for (const f of FIGURES) out[f] = Number(row?.[`${f}_${suffix}`] ?? 0);
	return out as unknown as Figures;
}

function toReportRow(row: Row | undefined, key = row?.key ?? ''): ReportRow {
	const current = figures(row, 'cur');
	const previous = figures(row, 'prev');
	const rate = passRate(current.passed, current.attempted);
	const previousRate = passRate(previous.passed, previous.attempted);
	return {
		key,
		title: row?.title ?? undefined,
		current,
		previous,
		change: {
			enrolments: change(current.enrolments, previous.enrolments),
			completions: change(current.completions, previous.completions),
			certificates: change(current.certificates, previous.certificates)
		},
		passRate: rate,
		previousPassRate: previousRate,
		passRateChange: pointChange(rate, previousRate)
	};
}

/**
 * One aggregate query for one breakdown: every dated event (enrolment, completion, certificate
 * issued and not revoked, submitted attempt) of the period and the one before, grouped.
 */
async function breakdown(
	db: Database,
	by: Breakdown | 'total',
	range: { previousStart: Date; start: Date; end: Date },
	scope: ReportScope
): Promise<Row[]> {
	const start = sql`${range.start.toISOString()}::timestamptz`;
	const prevStart = sql`${range.previousStart.toISOString()}::timestamptz`;
	const end = sql`${range.end.toISOString()}::timestamptz`;
	const cur = sql`ev.at >= ${start}`;
	const prev = sql`ev.at < ${start}`;
	const pair = sql`ev.user_id::text || ':' || ev.course_id::text`;
	const counts = (window: SQL, suffix: string) => sql`
		count(*) filter (where ev.kind = 'enrolment' and ${window})::int as ${sql.raw(`enrolments_${suffix}`)},
		count(*) filter (where ev.kind = 'completion' and ${window})::int as ${sql.raw(`completions_${suffix}`)},
		count(*) filter (where ev.kind = 'certificate' and ${window})::int as ${sql.raw(`certificates_${suffix}`)},
		count(distinct ${pair}) filter (where ev.kind = 'attempt' and ${window})::int as ${sql.raw(`attempted_${suffix}`)},
		count(distinct ${pair}) filter (where ev.kind = 'attempt' and ev.passed and ${window})::int as ${sql.raw(`passed_${suffix}`)},
		count(distinct ev.user_id) filter (where ${window})::int as ${sql.raw(`learners_${suffix}`)}`;
	const title = by === 'course' ? sql`min(c.title::text)::jsonb` : sql`null::jsonb`;
	const result = await db.execute(sql`
		with ev as (
			select 'enrolment' as kind, user_id, course_id, enrolled_at as at, null::boolean as passed
				from enrolments
			union all
			select 'completion', user_id, course_id, completed_at, null
				from enrolments where completed_at is not null
			union all
			select 'certificate', user_id, course_id, issued_at, null
				from certificates where revoked_at is null
			union all
			select 'attempt', user_id, course_id, submitted_at, passed
				from quiz_attempts where state = 'submitted' and submitted_at is not null
		)
		select ${groupKey[by]} as key, ${title} as title, ${counts(cur, 'cur')}, ${counts(prev, 'prev')}
		from ev
		join users u on u.id = ev.user_id
		left join organisations o on o.id = u.organisation_id
		join courses c on c.id = ev.course_id
		where ev.at >= ${prevStart} and ev.at < ${end} and ${scopeFilter(scope)}
		group by 1
		order by 1`);
	return rowsOf(result);
}

function rangeOf(period: HalfYear) {
	const { start, end } = periodRange(period);
	return { previousStart: periodRange(previousPeriod(period)).start, start, end };
}

/** One breakdown of a half-year, largest groups first; 'total' gives a single row. */
export async function reportBreakdown(
	db: Database,
	period: HalfYear,
	by: Breakdown | 'total',
	scope: ReportScope
): Promise<ReportRow[]> {
	const rows = await breakdown(db, by, rangeOf(period), scope);
	if (by === 'total') return [toReportRow(rows[0], '')];
	return rows
		.map((row) => toReportRow(row))
		.sort((a, b) => b.current.enrolments - a.current.enrolments || a.key.localeCompare(b.key));
}

/** The six-monthly report for a half-year and a scope, each group compared with the half-year before. */
export async function sixMonthlyReport(
	db: Database,
	period: HalfYear,
	scope: ReportScope
): Promise<Report> {
	const [[total], ...rest] = await Promise.all(
		(['total', ...breakdowns] as const).map((by) => reportBreakdown(db, period, by, scope))
	);
	const groups = Object.fromEntries(breakdowns.map((by, i) => [by, rest[i]])) as Record<
		Breakdown,
		ReportRow[]
	>;
	return { period, previous: previousPeriod(period), total, groups };
}
