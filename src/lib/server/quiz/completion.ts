import { and, eq } from 'drizzle-orm';
import { enrolments, type QuizAttempt } from '$db/schema';
import { issueCertificate } from '../certificates/issue';
import type { Database } from '../db';
import { evaluateCompletion, refreshSummaries } from '../progress';

/**
 * What a graded attempt means for the course; called only by the grading in attempts.ts, inside its
 * transaction, so no closing path (hand-in, time up, closing on page load) can grade without it. A
 * failed attempt changes nothing: the rule needs a pass. A pass may complete the course (and issue the
 * certificate); for a course already complete it renews a certificate that has expired or expires
 * within 90 days. Returns whether the course just became complete.
 */
export async function completeAfterGrading(
	tx: Database,
	attempt: QuizAttempt,
	now: Date
): Promise<boolean> {
	const completed = await completeIfPassed(tx, attempt, now);
	// Best score and quizzes passed change with every graded attempt, passed or not.
	await refreshSummaries(tx, { userId: attempt.userId, courseIds: [attempt.courseId] });
	return completed;
}

async function completeIfPassed(tx: Database, attempt: QuizAttempt, now: Date): Promise<boolean> {
	if (!attempt.passed) return false;
	const [enrolment] = await tx
		.select({ id: enrolments.id, completedAt: enrolments.completedAt })
		.from(enrolments)
		.where(and(eq(enrolments.userId, attempt.userId), eq(enrolments.courseId, attempt.courseId)));
	if (!enrolment) return false;
	if (enrolment.completedAt) {
		await issueCertificate(tx, {
			userId: attempt.userId,
			courseId: attempt.courseId,
			now,
			completedAt: attempt.submittedAt ?? now
		});
		return false;
	}
	return evaluateCompletion(tx, enrolment.id, now);
}
