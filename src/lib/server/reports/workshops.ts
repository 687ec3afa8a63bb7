import { sql, type SQL } from 'drizzle-orm';
import type { Localised } from '$db/schema';
import type { Database } from '../db';
import { queryRows } from '../db/rows';
import { organisationTree } from '../organisations/tree';
import type { Breakdown, ReportScope } from './report';

/**
 * In-person training in the six-monthly report: the one definition of its figures.
 *
 * A workshop is **held** in a half-year when it is open or closed (not a draft, not cancelled) and
 * one of its sessions starts in that half-year (Vietnam time: the bounds come from
 * $lib/vietnam-time through period.ts) and has started by the time the report is made.
 * **Attendances** are person × session rows of those sessions; **participants** are the distinct
 * people present at least once. A person at two workshops is one participant of the total, and one
 * of each workshop's group.
 *
 * Groups: audience is the participant's own (users.audience); kind is the workshop's organisation's;
 * area is the workshop's area, else its organisation's; course is the workshop's course, '' for none.
 * Under audience, a workshop counts in every group that had someone present.
 *
 * The report's scope applies to workshops by their organisation (an area scope by the area above).
 *
 * **People trained** ("Tổng số người được tập huấn") is the number of distinct people who, in the
 * half-year, either learnt online (the report's learners: enrolled, completed a course, handed in a
 * quiz or received a completion certificate) or were present at a session of a held workshop; each
 * side in the report's scope. Someone who did both is counted once.
 */
export interface WorkshopFigures {
	workshops: number;
	participants: number;
	attendances: number;
}

export interface WorkshopRow {
	/** An audience, a kind, an area, a course id; '' when unknown or (for a course) none. */
	key: string;
	title?: Localised;
	current: WorkshopFigures;
	previous: WorkshopFigures;
}

/** The day's tests and survey over the workshops held in the half-year. */
export interface WorkshopOutcomes {
	/** Mean pre- and post-test percentages, each over whoever took it; null when nobody did. */
	preAverage: number | null;
	postAverage: number | null;
	/** People with both tests, and their mean gain (post − pre) in percentage points. */
	paired: number;
	gain: number | null;
	/** Survey responses, and the mean of every rating (1–5) given in them. */
	responses: number;
	satisfaction: number | null;
}

export interface WorkshopReport {
	total: WorkshopRow;
	groups: Record<Breakdown, WorkshopRow[]>;
	outcomes: WorkshopOutcomes;
	/** Certificates of attendance issued in the half-year for those workshops' organisations. */
	attendanceCertificates: number;
	/** Distinct people trained online or in a room, this half-year and the one before. */
	trained: { current: number; previous: number };
}

export interface WorkshopRange {
	previousStart: Date;
	start: Date;
	end: Date;
	/** Sessions starting later than this have not been held yet. */
	now: Date;
}

/** Workshops in the report's scope, by their organisation `o` (and area, `w.area` first). */
export function workshopScope(scope: ReportScope): SQL {
	switch (scope.type) {
		case 'all':
			return sql`true`;
		case 'area':
			return sql`coalesce(w.area, o.area) = ${scope.area}`;
		case 'kind':
			return sql`o.kind = ${scope.kind}`;
		case 'organisation':
			return sql`w.organisation_id in ${organisationTree([scope.organisationId])}`;
		case 'organisations':
			return sql`w.organisation_id in ${organisationTree(scope.organisationIds)}`;
	}
}

const at = (instant: Date) => sql`${instant.toISOString()}::timestamptz`;

/**
 * The held sessions of the two half-years with the workshop's groups, `cur` 1 for the half-year
 * reported and 0 for the one before.
 */
function heldSessions(range: WorkshopRange, scope: ReportScope): SQL {
	return sql`
		select s.id as session_id, w.id as workshop_id, coalesce(w.course_id::text, '') as course,
			coalesce(o.kind, '') as kind, coalesce(w.area, o.area, '') as area,
			(s.starts_at >= ${at(range.start)})::int as cur
		from workshop_sessions s
		join workshops w on w.id = s.workshop_id
		join organisations o on o.id = w.organisation_id
		where s.starts_at >= ${at(range.previousStart)} and s.starts_at < ${at(range.end)}
			and s.starts_at <= ${at(range.now)} and w.status in ('open', 'closed')
			and ${workshopScope(scope)}`;
}

interface GroupRow {
	breakdown: Breakdown | 'total';
	key: string;
	title: Localised | null;
	[figure: string]: unknown;
}

const figures = (row: GroupRow | undefined, suffix: string): WorkshopFigures => ({
	workshops: Number(row?.[`workshops_${suffix}`] ?? 0),
	participants: Number(row?.[`participants_${suffix}`] ?? 0),
	attendances: Number(row?.[`attendances_${suffix}`] ?? 0)
});

const toRow = (row: GroupRow | undefined): WorkshopRow => ({
	key: row?.key ?? '',
	title: row?.title ?? undefined,
	current: figures(row, 'cur'),
	previous: figures(row, 'prev')
});

/** The groups, the total and (grouping code 15) every breakdown, in one pass over held sessions. */
async function groupRows(db: Database, range: WorkshopRange, scope: ReportScope) {
	const counts = (flag: number, suffix: string) =>
		sql.raw(`
		count(distinct workshop_id) filter (where cur = ${flag})::int as workshops_${suffix},
		count(distinct user_id) filter (where cur = ${flag})::int as participants_${suffix},
		count(user_id) filter (where cur = ${flag})::int as attendances_${suffix}`);
	return queryRows<GroupRow>(
		db,
		sql`
		with held as materialized (${heldSessions(range, scope)}),
		present as (
			select held.*, a.user_id, u.audience
			from held
			left join workshop_attendance a on a.session_id = held.session_id
			left join users u on u.id = a.user_id
		)
		select case grouping(audience, kind, area, course)
				when 7 then 'audience' when 11 then 'kind' when 13 then 'area' when 14 then 'course'
				else 'total' end as breakdown,
			case grouping(audience, kind, area, course)
				when 7 then audience when 11 then kind when 13 then area when 14 then course
				else '' end as key,
			(select c.title from courses c where c.id::text = present.course) as title,
			${counts(1, 'cur')}, ${counts(0, 'prev')}
		from present
		group by grouping sets ((), (audience), (kind), (area), (course))`
	);
}

/** Tests, survey and certificates of the workshops held in the half-year reported. */
async function outcomeRow(db: Database, range: WorkshopRange, scope: ReportScope) {
	const [row] = await queryRows<Record<string, number | string | null>>(
		db,
		sql`
		with held as (
			select distinct workshop_id from (${heldSessions(range, scope)}) h where cur = 1
		),
		scores as (
			select t.user_id, t.workshop_id,
				max(t.percent) filter (where t.phase = 'pre') as pre,
				max(t.percent) filter (where t.phase = 'post') as post
			from workshop_test_scores t join held using (workshop_id)
			group by t.user_id, t.workshop_id
		),
		ratings as (
			select r.id, (r.answers -> (q ->> 'id'))::numeric as rating
			from survey_responses r
			join held using (workshop_id)
			join survey_templates t on t.id = r.template_id
			cross join lateral jsonb_array_elements(t.questions) q
			where q ->> 'kind' = 'rating' and jsonb_typeof(r.answers -> (q ->> 'id')) = 'number'
		)
		select
			(select avg(pre) from scores)::float8 as pre_average,
			(select avg(post) from scores)::float8 as post_average,
			(select count(*) from scores where pre is not null and post is not null)::int as paired,
			(select avg(post - pre) from scores)::float8 as gain,
			(select count(*) from survey_responses r join held using (workshop_id))::int as responses,
			-- A rating off the 1–5 scale or not whole is not counted, as in a workshop's own summary.
			(select avg(rating) from ratings where rating between 1 and 5 and rating = trunc(rating))::float8
				as satisfaction,
			(select count(*) from certificates c join held using (workshop_id)
				where c.kind = 'attendance' and c.revoked_at is null
					and c.issued_at >= ${at(range.start)} and c.issued_at < ${at(range.end)})::int
				as attendance_certificates`
	);
	return row;
}

/**
 * Distinct people trained online or in a room, in each half-year. `online(from, to)` is the
 * report's own set of learners active in [from, to) in its scope (report.ts), so both sides of
 * the union are the figures the report shows beside it.
 */
async function trainedRow(
	db: Database,
	range: WorkshopRange,
	scope: ReportScope,
	online: (from: Date, to: Date) => SQL
) {
	const [row] = await queryRows<{ cur: number; prev: number }>(
		db,
		sql`
		with held as materialized (${heldSessions(range, scope)}),
		present as (
			select distinct a.user_id, held.cur
			from held join workshop_attendance a on a.session_id = held.session_id
		)
		select
			(select count(*) from (
				select user_id from present where cur = 1
				union ${online(range.start, range.end)}) t)::int as cur,
			(select count(*) from (
				select user_id from present where cur = 0
				union ${online(range.previousStart, range.start)}) t)::int as prev`
	);
	return row;
}

const round1 = (n: number | string | null) => (n === null ? null : Math.round(Number(n) * 10) / 10);

/** In-person training of a half-year and the one before, in the report's scope. */
export async function workshopReport(
	db: Database,
	range: WorkshopRange,
	scope: ReportScope,
	online: (from: Date, to: Date) => SQL
): Promise<WorkshopReport> {
	const [rows, outcome, trained] = await Promise.all([
		groupRows(db, range, scope),
		outcomeRow(db, range, scope),
		trainedRow(db, range, scope, online)
	]);
	const group = (by: Breakdown) =>
		rows
			// Sessions nobody attended have no audience: they count in the other breakdowns only.
			.filter((row) => row.breakdown === by && !(by === 'audience' && row.key === null))
			.map(toRow)
			.sort(
				(a, b) => b.current.participants - a.current.participants || a.key.localeCompare(b.key)
			);
	return {
		total: toRow(rows.find((row) => row.breakdown === 'total')),
		groups: {
			audience: group('audience'),
			kind: group('kind'),
			area: group('area'),
			course: group('course')
		},
		outcomes: {
			preAverage: round1(outcome.pre_average),
			postAverage: round1(outcome.post_average),
			paired: Number(outcome.paired),
			gain: Number(outcome.paired) > 0 ? round1(outcome.gain) : null,
			responses: Number(outcome.responses),
			satisfaction:
				outcome.satisfaction === null ? null : Math.round(Number(outcome.satisfaction) * 100) / 100
		},
		attendanceCertificates: Number(outcome.attendance_certificates),
		trained: { current: Number(trained.cur), previous: Number(trained.prev) }
	};
}
