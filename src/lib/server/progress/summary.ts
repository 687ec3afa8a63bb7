// The one home of the enrolment summaries' rule (db/schema/summaries.ts): what each column holds is
// recomputed here from the raw rows, set-based, for the enrolments a write touched. Every writer that
// changes what a summary says calls refreshSummaries in its own transaction (README, "Performance"),
// so the matrix and the dashboards never see a summary that disagrees with the rows under it.
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db';

/** The enrolments whose summaries a write changed. */
export type SummaryScope =
	| { enrolmentIds: string[] }
	/** A learner's enrolments in these courses (or all of them). */
	| { userId: string; courseIds?: string[] }
	/** Every enrolment of these learners (an erasure). */
	| { userIds: string[] }
	/** Every enrolment of these courses (a new version can change what is required). */
	| { courseIds: string[] }
	/** Every enrolment (seeds, repairs). */
	| { all: true };

/** Ids as one array parameter: an import's 20,000 enrolments are one value, not 20,000. */
const uuids = (ids: string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

/** The scope as a condition on enrolments `e`; null when it names nothing. */
function scopeFilter(scope: SummaryScope): SQL | null {
	if ('all' in scope) return sql`true`;
	if ('enrolmentIds' in scope)
		return scope.enrolmentIds.length ? sql`e.id = any(${uuids(scope.enrolmentIds)})` : null;
	if ('userId' in scope) {
		if (scope.courseIds?.length === 0) return null;
		const courses = scope.courseIds ? sql`and e.course_id = any(${uuids(scope.courseIds)})` : sql``;
		return sql`e.user_id = ${scope.userId}::uuid ${courses}`;
	}
	if ('userIds' in scope)
		return scope.userIds.length ? sql`e.user_id = any(${uuids(scope.userIds)})` : null;
	return scope.courseIds.length ? sql`e.course_id = any(${uuids(scope.courseIds)})` : null;
}

/**
 * Each summary column from the raw rows, for the enrolments `e` picked by `where`: one row per
 * enrolment, in the summaries' columns. Read by refreshSummaries and by nothing else; the migration
 * that created the table (0017) backfilled it with the same statement.
 */
function recompute(where: SQL): SQL {
	return sql`with e as materialized (select e.id, e.user_id, e.course_id from enrolments e where ${where}),
		required as (
			select l.course_id, count(*)::int as n from lessons l
			where l.course_id = any(array(select distinct course_id from e)) and l.required and l.retired_at is null
			group by l.course_id
		),
		done as (
			select e.id, count(*)::int as n from e
			join lesson_progress p on p.user_id = e.user_id and p.course_id = e.course_id
			join lessons l on l.id = p.lesson_id
			where p.completed_at is not null and l.required and l.retired_at is null
			group by e.id
		),
		best as (
			select e.id, max(a.percent) as best from e
			join quiz_attempts a on a.user_id = e.user_id and a.course_id = e.course_id
			where a.state = 'submitted'
			group by e.id
		),
		quizzes_left as (
			select e.id, count(*)::int as n from e
			join quizzes qz on qz.course_id = e.course_id and qz.required and qz.retired_at is null
			where not exists (select 1 from quiz_attempts a
				where a.user_id = e.user_id and a.course_id = e.course_id and a.quiz_id = qz.id and a.passed)
			group by e.id
		),
		assignments_left as (
			select e.id, count(*)::int as n from e
			join assignments asn on asn.course_id = e.course_id and asn.required and asn.retired_at is null
			where not exists (select 1 from submissions sb
				where sb.user_id = e.user_id and sb.course_id = e.course_id and sb.assignment_id = asn.id
					and sb.state = 'graded' and sb.passed)
			group by e.id
		)
		select e.id as enrolment_id, coalesce(done.n, 0) as lessons_done,
			coalesce(required.n, 0) as lessons_required,
			-- progressPercent's arithmetic in float8, as JavaScript does it (29 of 100 is 28 there too).
			case when coalesce(required.n, 0) = 0 then 100
				else least(100, floor(coalesce(done.n, 0)::float8 / required.n * 100))::int end as percent,
			best.best as best_percent,
			quizzes_left.n is null as quizzes_passed,
			assignments_left.n is null as assignments_passed,
			ct.id as certificate_id, ct.code as certificate_code
		from e
		left join required on required.course_id = e.course_id
		left join done on done.id = e.id
		left join best on best.id = e.id
		left join quizzes_left on quizzes_left.id = e.id
		left join assignments_left on assignments_left.id = e.id
		left join lateral (
			select ct.id, ct.code from certificates ct
			where ct.user_id = e.user_id and ct.course_id = e.course_id and ct.kind = 'completion'
				and ct.revoked_at is null
			order by ct.issued_at desc, ct.register_number desc limit 1
		) ct on true`;
}

/**
 * Recomputes the summaries of the enrolments in `scope` from the raw rows and stores them. Call it in
 * the transaction of the write, after the write. The enrolment rows are locked first (in id order), so
 * two writers of one enrolment take turns and the second recomputes with the first's rows: without
 * it, each could store a summary that misses the other's write.
 */
export async function refreshSummaries(db: Database, scope: SummaryScope): Promise<void> {
	const where = scopeFilter(scope);
	if (!where) return;
	await db.transaction(async (tx) => {
		await tx.execute(sql`select e.id from enrolments e where ${where} order by e.id for update`);
		await tx.execute(sql`insert into enrolment_summaries (enrolment_id, lessons_done,
				lessons_required, percent, best_percent, quizzes_passed, assignments_passed,
				certificate_id, certificate_code)
			${recompute(where)}
			on conflict (enrolment_id) do update set lessons_done = excluded.lessons_done,
				lessons_required = excluded.lessons_required, percent = excluded.percent,
				best_percent = excluded.best_percent, quizzes_passed = excluded.quizzes_passed,
				assignments_passed = excluded.assignments_passed,
				certificate_id = excluded.certificate_id, certificate_code = excluded.certificate_code`);
	});
}
