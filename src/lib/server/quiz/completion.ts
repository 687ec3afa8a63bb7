import { and, eq } from 'drizzle-orm';
import { enrolments, type QuizAttempt } from '$db/schema';
import { issueCertificate } from '../certificates/issue';
import type { Database } from '../db';
import { evaluateCompletion } from '../progress';

/**
 * After a passed attempt, the course may now be complete (and certified). For a course already
 * complete, passing again renews a certificate that has expired or expires within 90 days.
 * Returns whether the course just became complete.
 */
export async function evaluateAfterSubmit(
	db: Database,
	attempt: QuizAttempt,
	now = new Date()
): Promise<boolean> {
	if (!attempt.passed) return false;
	const [enrolment] = await db
		.select({ id: enrolments.id, completedAt: enrolments.completedAt })
		.from(enrolments)
		.where(and(eq(enrolments.userId, attempt.userId), eq(enrolments.courseId, attempt.courseId)));
	if (!enrolment) return false;
	if (enrolment.completedAt) {
		await issueCertificate(db, {
			userId: attempt.userId,
			courseId: attempt.courseId,
			now,
			completedAt: now
		});
		return false;
	}
	return evaluateCompletion(db, enrolment.id, now);
}
