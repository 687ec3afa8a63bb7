import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { enrolments, type CompletionRule } from '$db/schema';
import { issueCertificate } from '../certificates/issue';
import type { Database } from '../db';
import { queryRows } from '../db/rows';
import { log } from '../log';
import { courseWorkshopRule } from '../workshops/rules';
import { metAt, ruleMet, type CompletionFacts } from './arithmetic';

// Completion is recorded by the transaction that writes the event meeting the rule — a lesson marked
// done, an attempt graded (quiz/attempts.ts) — never by a later call a crash could skip.

/** The completion rule's facts for the enrolments `where` picks (on `e`), in one statement. */
async function completionFacts(db: Database, where: SQL) {
	const rows = await queryRows<{
		enrolment_id: string;
		required_lessons: number;
		lessons_done: number;
		last_lesson_done_at: number | null;
		quizzes_to_pass: number;
		last_quiz_passed_at: number | null;
		assignments_to_pass: number;
		last_assignment_passed_at: number | null;
		workshop_rule: CompletionRule['workshop'] | null;
		workshops: { total: number; times: number[] }[] | null;
	}>(
		db,
		sql`select e.id as enrolment_id, l.required_lessons, l.lessons_done, l.last_lesson_done_at,
				q.quizzes_to_pass, q.last_quiz_passed_at,
				asg.assignments_to_pass, asg.last_assignment_passed_at,
				c.completion -> 'workshop' as workshop_rule, w.workshops
			from enrolments e
			join courses c on c.id = e.course_id
			cross join lateral (
				select count(*)::int as required_lessons, count(p.completed_at)::int as lessons_done,
					(extract(epoch from max(p.completed_at)) * 1000)::float8 as last_lesson_done_at
				from lessons ls
				left join lesson_progress p on p.lesson_id = ls.id and p.user_id = e.user_id
				where ls.course_id = e.course_id and ls.required and ls.retired_at is null) l
			cross join lateral (
				select count(*) filter (where first.passed_at is null)::int as quizzes_to_pass,
					(extract(epoch from max(first.passed_at)) * 1000)::float8 as last_quiz_passed_at
				from quizzes qz
				cross join lateral (
					select min(a.submitted_at) as passed_at from quiz_attempts a
					where a.quiz_id = qz.id and a.user_id = e.user_id and a.passed) first
				where qz.course_id = e.course_id and qz.required and qz.retired_at is null) q
			-- Required assignments: passed when a round was graded as passed (as of that grading).
			cross join lateral (
				select count(*) filter (where first.passed_at is null)::int as assignments_to_pass,
					(extract(epoch from max(first.passed_at)) * 1000)::float8 as last_assignment_passed_at
				from assignments asn
				cross join lateral (
					select min(sb.decided_at) as passed_at from submissions sb
					where sb.assignment_id = asn.id and sb.user_id = e.user_id
						and sb.state = 'graded' and sb.passed) first
				where asn.course_id = e.course_id and asn.required and asn.retired_at is null) asg
			-- A blended course's workshops: each one's sessions and the learner's attendances there.
			cross join lateral (
				select json_agg(json_build_object(
					'total', (select count(*) from workshop_sessions s where s.workshop_id = wk.id),
					'times', (select coalesce(json_agg((extract(epoch from a.recorded_at) * 1000)::float8), '[]')
						from workshop_attendance a join workshop_sessions s on s.id = a.session_id
						where s.workshop_id = wk.id and a.user_id = e.user_id))) as workshops
				from workshops wk
				where c.completion -> 'workshop' is not null and wk.course_id = e.course_id
					and wk.status <> 'draft') w
			where ${where}`
	);
	const at = (ms: number | null) => (ms === null ? null : new Date(Number(ms)));
	return rows.map((r) => ({
		enrolmentId: r.enrolment_id,
		facts: {
			requiredLessons: Number(r.required_lessons),
			lessonsDone: Number(r.lessons_done),
			quizzesToPass: Number(r.quizzes_to_pass),
			lastLessonDoneAt: at(r.last_lesson_done_at),
			lastQuizPassedAt: at(r.last_quiz_passed_at),
			assignmentsToPass: Number(r.assignments_to_pass),
			lastAssignmentPassedAt: at(r.last_assignment_passed_at),
			workshopRule: courseWorkshopRule(r.workshop_rule),
			workshops: (r.workshops ?? []).map((w) => ({
				total: Number(w.total),
				attendedAt: w.times.map((t) => new Date(Number(t)))
			}))
		} satisfies CompletionFacts
	}));
}

/**
 * Applies the completion rule to an enrolment and, when it is met, records the completion (as of
 * the moment it was met) and issues the certificate — all or nothing. Call it in the transaction that
 * wrote the event: the enrolment row is locked before the rule is read, so two events of one learner
 * at once (the last lesson in one tab, the quiz in another) take turns and the second sees the first.
 * Returns whether the course just became complete.
 */
export async function evaluateCompletion(
	db: Database,
	enrolmentId: string,
	now = new Date()
): Promise<boolean> {
	return db.transaction(async (tx) => {
		const [enrolment] = await tx
			.select({ userId: enrolments.userId, courseId: enrolments.courseId })
			.from(enrolments)
			.where(and(eq(enrolments.id, enrolmentId), isNull(enrolments.completedAt)))
			.for('update');
		if (!enrolment) return false;
		const [row] = await completionFacts(tx, sql`e.id = ${enrolmentId}::uuid`);
		if (!row || !ruleMet(row.facts)) return false;
		await tx
			.update(enrolments)
			.set({ completedAt: metAt(row.facts, now) })
			.where(eq(enrolments.id, enrolmentId));
		// The certificate comes with completion (none for courses without one).
		await issueCertificate(tx, { userId: enrolment.userId, courseId: enrolment.courseId, now });
		return true;
	});
}

/**
 * A one-off repair, safe to run at every start: completes the courses whose rule graded attempts
 * already meet but which have no completion recorded — left so by closing paths that graded without
 * evaluating completion (time up, closing on page load, a crash between hand-in and completion).
 * Each is completed as of when the rule was met, with its certificate. Returns how many.
 */
export async function completeMissedCompletions(db: Database, now = new Date()): Promise<number> {
	const candidates = await completionFacts(
		db,
		sql`e.completed_at is null and exists (select 1 from quiz_attempts pa
			where pa.user_id = e.user_id and pa.course_id = e.course_id and pa.passed)`
	);
	let completed = 0;
	for (const { enrolmentId, facts } of candidates) {
		if (ruleMet(facts) && (await evaluateCompletion(db, enrolmentId, now))) completed++;
	}
	if (completed > 0) log().info({ completed }, 'recorded completions the rule already met');
	return completed;
}
