import { and, eq } from 'drizzle-orm';
import { enrolments, type QuizAttempt } from '$db/schema';
import type { Database } from '../db';
import { evaluateCompletion } from '../progress';

/** After a passed attempt, the course may now be complete. Returns whether it just became so. */
export async function evaluateAfterSubmit(
	db: Database,
	attempt: QuizAttempt,
	now = new Date()
): Promise<boolean> {
	if (!attempt.passed) return false;
	const [enrolment] = await db
		.select({ id: enrolments.id })
		.from(enrolments)
		.where(and(eq(enrolments.userId, attempt.userId), eq(enrolments.courseId, attempt.courseId)));
	return enrolment ? evaluateCompletion(db, enrolment.id, now) : false;
}
