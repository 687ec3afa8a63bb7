import { and, count, eq, sql } from 'drizzle-orm';
import { enrolments, quizAttemptGrants, quizAttempts, users, type Quiz } from '$db/schema';
import { MAX_EXTRA_ATTEMPTS, MAX_GRANT_REASON } from '$lib/schemas/quiz-grants';
import type { StaffScope } from '../auth/staff';
import type { Database } from '../db';
import { mayReach } from '../organisations/reach';
import { allowedAttempts, extraAttemptsColumn } from './allowance';
import { definitionOf } from './attempts';

export interface GrantRequest {
	quiz: Quiz;
	learnerId: string;
	/** The trainer, manager or administrator granting. */
	grantedBy: string;
	extra: number;
	reason?: string | null;
	now?: Date;
}

export type GrantResult =
	| { ok: true; learner: { fullName: string }; extra: number; allowed: number }
	| {
			ok: false;
			/**
			 * not_found: no such learner within the granter's reach, or not enrolled in the course;
			 * attempts_left: the learner may still make an attempt (or is making one), or the quiz has no
			 * limit; passed: nothing to make up; invalid: extra or reason out of bounds.
			 */
			reason: 'not_found' | 'attempts_left' | 'passed' | 'invalid';
	  };

/**
 * Gives a learner extra attempts at a quiz once they have used every attempt without passing.
 * Only someone who may see the learner's results may: the rule of the quiz report and the course's
 * learners (organisations/reach.ts). The learner's enrolment is locked, so a second click or a
 * colleague granting at the same moment finds an attempt left and adds nothing. A start cannot slip
 * in between: with every attempt used, none is made until the grant is committed (start.ts).
 */
export async function grantExtraAttempts(
	db: Database,
	scope: StaffScope,
	request: GrantRequest
): Promise<GrantResult> {
	const { quiz, learnerId, extra } = request;
	const reason = request.reason?.trim() || null;
	if (!Number.isInteger(extra) || extra < 1 || extra > MAX_EXTRA_ATTEMPTS)
		return { ok: false, reason: 'invalid' };
	if (reason && reason.length > MAX_GRANT_REASON) return { ok: false, reason: 'invalid' };
	if (!scope.staff || !(await mayReach(db, scope, learnerId)))
		return { ok: false, reason: 'not_found' };
	return db.transaction(async (tx): Promise<GrantResult> => {
		const [learner] = await tx
			.select({ fullName: users.fullName })
			.from(enrolments)
			.innerJoin(users, eq(enrolments.userId, users.id))
			.where(and(eq(enrolments.userId, learnerId), eq(enrolments.courseId, quiz.courseId)))
			.for('update', { of: enrolments });
		if (!learner) return { ok: false, reason: 'not_found' };
		const [standing] = await tx
			.select({
				made: count(),
				open: sql<number>`count(*) filter (where ${quizAttempts.state} = 'in_progress')`.mapWith(
					Number
				),
				passed: sql<boolean>`coalesce(bool_or(${quizAttempts.passed}), false)`,
				extra: extraAttemptsColumn(quiz.id, learnerId)
			})
			.from(quizAttempts)
			.where(and(eq(quizAttempts.quizId, quiz.id), eq(quizAttempts.userId, learnerId)));
		if (standing.passed) return { ok: false, reason: 'passed' };
		const allowed = allowedAttempts(definitionOf(quiz), standing.extra);
		if (allowed === null || standing.open > 0 || standing.made < allowed)
			return { ok: false, reason: 'attempts_left' };
		await tx.insert(quizAttemptGrants).values({
			quizId: quiz.id,
			userId: learnerId,
			extra,
			reason,
			grantedBy: request.grantedBy,
			grantedAt: request.now ?? new Date()
		});
		return { ok: true, learner, extra, allowed: allowed + extra };
	});
}
