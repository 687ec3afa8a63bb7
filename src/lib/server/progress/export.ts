import { asc, eq, sql } from 'drizzle-orm';
import {
	assignments,
	certificates,
	courses,
	enrolments,
	lessonProgress,
	lessons,
	quizAttemptGrants,
	quizAttempts,
	quizzes,
	submissions
} from '$db/schema';
import type { Database } from '../db';

/** Everything a learner has done on the platform, for "download my data"; six queries. */
export async function learningRecordOf(db: Database, userId: string) {
	const [courseRows, lessonRows, attemptRows, grantRows, certificateRows, workRows] =
		await Promise.all([
			db
				.select({
					course: courses.slug,
					status: enrolments.status,
					source: enrolments.source,
					enrolledAt: enrolments.enrolledAt,
					leftAt: enrolments.leftAt,
					completedAt: enrolments.completedAt
				})
				.from(enrolments)
				.innerJoin(courses, eq(enrolments.courseId, courses.id))
				.where(eq(enrolments.userId, userId))
				.orderBy(asc(enrolments.enrolledAt)),
			db
				.select({
					course: courses.slug,
					lesson: lessons.slug,
					firstViewedAt: lessonProgress.firstViewedAt,
					completedAt: lessonProgress.completedAt,
					secondsSpent: lessonProgress.secondsSpent
				})
				.from(lessonProgress)
				.innerJoin(lessons, eq(lessonProgress.lessonId, lessons.id))
				.innerJoin(courses, eq(lessonProgress.courseId, courses.id))
				.where(eq(lessonProgress.userId, userId))
				.orderBy(asc(courses.slug), asc(lessons.position)),
			db
				.select({
					course: courses.slug,
					quiz: quizzes.slug,
					number: quizAttempts.number,
					state: quizAttempts.state,
					startedAt: quizAttempts.startedAt,
					submittedAt: quizAttempts.submittedAt,
					score: quizAttempts.score,
					maxScore: quizAttempts.maxScore,
					percent: quizAttempts.percent,
					passed: quizAttempts.passed,
					responses: quizAttempts.responses
				})
				.from(quizAttempts)
				.innerJoin(quizzes, eq(quizAttempts.quizId, quizzes.id))
				.innerJoin(courses, eq(quizAttempts.courseId, courses.id))
				.where(eq(quizAttempts.userId, userId))
				.orderBy(asc(quizAttempts.startedAt)),
			// Extra attempts a trainer gave, with the reason written about the learner (not who gave them).
			db
				.select({
					course: courses.slug,
					quiz: quizzes.slug,
					extra: quizAttemptGrants.extra,
					reason: quizAttemptGrants.reason,
					grantedAt: quizAttemptGrants.grantedAt
				})
				.from(quizAttemptGrants)
				.innerJoin(quizzes, eq(quizAttemptGrants.quizId, quizzes.id))
				.innerJoin(courses, eq(quizzes.courseId, courses.id))
				.where(eq(quizAttemptGrants.userId, userId))
				.orderBy(asc(quizAttemptGrants.grantedAt)),
			db
				.select({
					number: certificates.number,
					code: certificates.code,
					course: certificates.courseTitle,
					issuedAt: certificates.issuedAt,
					expiresAt: certificates.expiresAt,
					revokedAt: certificates.revokedAt,
					revokedReason: certificates.revokedReason
				})
				.from(certificates)
				.where(eq(certificates.userId, userId))
				.orderBy(asc(certificates.issuedAt)),
			// Work handed in for assignments, with the files' names and the feedback decided on it (the
			// files themselves are downloaded from the assignment's page; drafts of graders are not theirs).
			db
				.select({
					course: courses.slug,
					assignment: assignments.slug,
					round: submissions.round,
					state: submissions.state,
					text: submissions.body,
					submittedAt: submissions.submittedAt,
					late: submissions.late,
					points: submissions.points,
					maxPoints: submissions.maxPoints,
					passed: submissions.passed,
					decidedAt: submissions.decidedAt,
					files: sql<{ name: string; size: number; kind: string }[]>`coalesce((
					select json_agg(json_build_object('name', f.name, 'size', f.size, 'kind', f.kind)
						order by f.created_at)
					from submission_files f where f.submission_id = ${submissions.id}), '[]'::json)`,
					feedback: sql<{ comments: Record<string, string>; overall: string | null } | null>`(
					select json_build_object('comments', m.comments, 'overall', m.overall)
					from submission_marks m
					where m.submission_id = ${submissions.id} and m.role = 'final' and not m.draft
						and ${submissions.state} in ('returned', 'graded')
					order by m.version desc limit 1)`
				})
				.from(submissions)
				.innerJoin(assignments, eq(submissions.assignmentId, assignments.id))
				.innerJoin(courses, eq(submissions.courseId, courses.id))
				.where(eq(submissions.userId, userId))
				.orderBy(asc(submissions.createdAt))
		]);
	return {
		enrolments: courseRows,
		lessonProgress: lessonRows,
		quizAttempts: attemptRows,
		extraAttempts: grantRows,
		certificates: certificateRows,
		assignmentWork: workRows
	};
}
