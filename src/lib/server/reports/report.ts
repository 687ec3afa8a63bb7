import { organisationTree } from '../organisations/tree';
import { sql, type SQL } from 'drizzle-orm';
import type { Localised } from '$db/schema';
import type { Database } from '../db';
import { change, passRate, pointChange, type Change } from './arithmetic';
import { coalescing } from './coalesce';
import { periodRange, previousPeriod, type HalfYear } from './period';
import { workshopReport, type WorkshopReport } from './workshops';

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
	/** Online learning. */
	total: ReportRow;
	groups: Record<Breakdown, ReportRow[]>;
	/** In-person training (workshops.ts), and people trained either way. */
	inPerson: WorkshopReport;
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

type Grouping = Breakdown | 'total';

interface Row {
	breakdown: Grouping;
	key: string;
	title: Localised | null;
	[figure: string]: unknown;
}

function rowsOf(result: unknown): Row[] {
	// postgres.js returns the rows; PGlite returns { rows }.
	return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Row[];
}

const FIGURES = ['enrolments', 'completions', 'certificates', 'attempted', 'passed', 'learners'];
const SUFFIXES = ['cur', 'prev'];
const column = (figure: string, suffix: string) => sql.raw(`${figure}_${suffix}`);

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

/** Sums of the pair figures; `learnerFlag` keeps "learners" 1 or 0 (one learner, many pairs). */
function sums(learnerFlag = false): SQL {
	return sql.join(
		SUFFIXES.flatMap((suffix) =>
			FIGURES.map((f) => {
				const fn = learnerFlag && f === 'learners' ? sql`max` : sql`sum`;
				return sql`coalesce(${fn}(${column(f, suffix)}), 0)::int as ${column(f, suffix)}`;
			})
		),
		sql`, `
	);
}

/** Only the learners in scope; nothing to filter for the whole province. */
function learnersInScope(scope: ReportScope): SQL {
	if (scope.type === 'all') return sql`true`;
	return sql`user_id in (
		select u.id from users u left join organisations o on o.id = u.organisation_id
		where ${scopeFilter(scope)})`;
}

/**
 * The learners the report counts as active online in [from, to), in scope, as a union of user ids:
 * they enrolled, completed a course, handed in a quiz or received a completion certificate. The
 * same events as reportRows' "learners"; workshops.ts adds the people trained in a room to them.
 */
function onlineLearners(scope: ReportScope) {
	return (from: Date, to: Date) => {
		const within = (column: string) =>
			sql`${sql.raw(column)} >= ${from.toISOString()}::timestamptz and ${sql.raw(column)} < ${to.toISOString()}::timestamptz`;
		const inScope = learnersInScope(scope);
		return sql`
			select user_id from enrolments
			where (${within('enrolled_at')} or ${within('completed_at')}) and ${inScope}
			union select user_id from quiz_attempts
			where state = 'submitted' and ${within('submitted_at')} and ${inScope}
			union select user_id from certificates
			where kind = 'completion' and revoked_at is null and ${within('issued_at')} and ${inScope}`;
	};
}

/**
 * Every breakdown of a half-year and the one before, in one pass over their dated events, each
 * table read once through its date index. The events are first brought to one row per learner ×
 * course (`pairs`, materialised once): enrolments are one per pair already, attempts and
 * certificates are folded per pair, and the three are joined. Per pair, "attempted", "passed" and
 * "learners" are 1 or 0, so summing them counts distinct pairs and learners without
 * count(distinct). Courses are sums of pairs; audience, kind, area and the total belong to the
 * learner, so they are GROUPING SETS over one row per learner.
 */
async function reportRows(
	db: Database,
	range: { previousStart: Date; start: Date; end: Date },
	scope: ReportScope
): Promise<Row[]> {
	const at = (instant: Date) => sql`${instant.toISOString()}::timestamptz`;
	const bounds: Record<string, [SQL, SQL]> = {
		cur: [at(range.start), at(range.end)],
		prev: [at(range.previousStart), at(range.start)]
	};
	/** `column` falls in the half-year, or (without a suffix) in either. */
	const within = (column: string, suffix?: string) => {
		const [from, to] = suffix ? bounds[suffix] : [bounds.prev[0], bounds.cur[1]];
		return sql`${sql.raw(column)} >= ${from} and ${sql.raw(column)} < ${to}`;
	};
	/** `make(suffix)` for the half-year and the one before. */
	const each = (make: (suffix: string) => SQL) =>
		sql.join(
			SUFFIXES.map((suffix) => make(suffix)),
			sql`, `
		);
	const result = await db.execute(sql`
		with enrolled as (
			select user_id, course_id, ${each(
				(s) => sql`
				(case when ${within('enrolled_at', s)} then 1 else 0 end) as ${column('enrolments', s)},
				(case when ${within('completed_at', s)} then 1 else 0 end) as ${column('completions', s)}`
			)}
			from enrolments
			where ${within('enrolled_at')} or ${within('completed_at')}
		),
		attempted as (
			select user_id, course_id, ${each(
				(s) => sql`
				(count(*) filter (where ${within('submitted_at', s)}) > 0)::int as ${column('attempted', s)},
				(count(*) filter (where passed and ${within('submitted_at', s)}) > 0)::int as ${column('passed', s)}`
			)}
			from quiz_attempts
			where state = 'submitted' and ${within('submitted_at')}
			group by user_id, course_id
		),
		certified as (
			select user_id, course_id, ${each(
				(s) => sql`
				count(*) filter (where ${within('issued_at', s)})::int as ${column('certificates', s)}`
			)}
			from certificates
			-- Certificates of attendance belong to the workshops' figures (workshops.ts).
			where kind = 'completion' and revoked_at is null and ${within('issued_at')}
			group by user_id, course_id
		),
		pairs as materialized (
			select user_id, course_id, ${each((s) => {
				const counts = FIGURES.filter((f) => f !== 'learners').map(
					(f) => sql`coalesce(${column(f, s)}, 0) as ${column(f, s)}`
				);
				const events = ['enrolments', 'completions', 'certificates', 'attempted'];
				// greatest() skips the nulls the full joins leave: 1 when anything happened in the half-year.
				const active = sql`(greatest(${sql.join(
					events.map((f) => column(f, s)),
					sql`, `
				)}) > 0)::int as ${column('learners', s)}`;
				return sql.join([...counts, active], sql`, `);
			})}
			from enrolled
			full join attempted using (user_id, course_id)
			full join certified using (user_id, course_id)
			where ${learnersInScope(scope)}
		),
		learners as (
			select user_id, ${sums(true)} from pairs group by user_id
		)
		select 'course' as breakdown, c.id::text as key, c.title, ${sums()}
		from pairs join courses c on c.id = pairs.course_id
		group by c.id
		union all
		select case grouping(audience, kind, area)
				when 3 then 'audience' when 5 then 'kind' when 6 then 'area' else 'total' end,
			case grouping(audience, kind, area)
				when 3 then audience when 5 then kind when 6 then area else '' end,
			null::jsonb, ${sums()}
		from (
			select learners.*, u.audience, coalesce(o.kind, '') as kind,
				-- A learner's own area first; otherwise the area of their organisation.
				coalesce(u.area, o.area, '') as area
			from learners
			join users u on u.id = learners.user_id
			left join organisations o on o.id = u.organisation_id
		) per_learner
		group by grouping sets ((), (audience), (kind), (area))`);
	return rowsOf(result);
}

interface Shared {
	rows: Row[];
	inPerson: WorkshopReport;
}

/** Per database (or transaction): identical reports asked for at the same time share their queries. */
const shared = new WeakMap<Database, ReturnType<typeof coalescing<Shared>>>();

function sharedReportRows(db: Database, period: HalfYear, scope: ReportScope): Promise<Shared> {
	let run = shared.get(db);
	if (!run) shared.set(db, (run = coalescing<Shared>()));
	return run(JSON.stringify([period, scope]), async () => {
		const range = rangeOf(period);
		const [rows, inPerson] = await Promise.all([
			reportRows(db, range, scope),
			workshopReport(db, { ...range, now: new Date() }, scope, onlineLearners(scope))
		]);
		return { rows, inPerson };
	});
}

function rangeOf(period: HalfYear) {
	const { start, end } = periodRange(period);
	return { previousStart: periodRange(previousPeriod(period)).start, start, end };
}

/** The six-monthly report for a half-year and a scope, each group compared with the half-year before. */
export async function sixMonthlyReport(
	db: Database,
	period: HalfYear,
	scope: ReportScope
): Promise<Report> {
	// Shared rows are only read: every caller builds its own report from them.
	const { rows, inPerson } = await sharedReportRows(db, period, scope);
	// Largest groups first.
	const group = (by: Breakdown) =>
		rows
			.filter((row) => row.breakdown === by)
			.map((row) => toReportRow(row))
			.sort((a, b) => b.current.enrolments - a.current.enrolments || a.key.localeCompare(b.key));
	const groups = Object.fromEntries(breakdowns.map((by) => [by, group(by)])) as Record<
		Breakdown,
		ReportRow[]
	>;
	const total = toReportRow(
		rows.find((row) => row.breakdown === 'total'),
		''
	);
	return {
		period,
		previous: previousPeriod(period),
		total,
		groups,
		inPerson: structuredClone(inPerson)
	};
}
