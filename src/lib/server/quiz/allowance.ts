import { and, asc, eq, sql } from 'drizzle-orm';
import { quizAttemptGrants } from '$db/schema';
import type { Database } from '../db';
import type { QuizDefinition } from './format';

/** Extra attempts a trainer gave one learner at one quiz, as the attempt rules need them. */
export interface Grant {
	extra: number;
	grantedAt: Date;
}

/**
 * How many attempts a learner may make at a quiz: the quiz's own limit plus the extra attempts
 * granted to them; null when the quiz sets no limit. The one rule for starting an attempt, the
 * attempts left shown to the learner, the review after the last attempt and the trainers' report.
 */
export function allowedAttempts(
	definition: Pick<QuizDefinition, 'attempts'>,
	extra: number
): number | null {
	return definition.attempts === null ? null : definition.attempts + extra;
}

/** The extra attempts of these grants, together. */
export const extraOf = (grants: Pick<Grant, 'extra'>[]) =>
	grants.reduce((sum, grant) => sum + grant.extra, 0);

/** How many attempts are left to make; null when there is no limit. */
export function attemptsLeft(allowed: number | null, made: number): number | null {
	return allowed === null ? null : Math.max(0, allowed - made);
}

/** A learner's grants at a quiz, oldest first. */
export function grantsOf(db: Database, quizId: string, userId: string): Promise<Grant[]> {
	return db
		.select({ extra: quizAttemptGrants.extra, grantedAt: quizAttemptGrants.grantedAt })
		.from(quizAttemptGrants)
		.where(and(eq(quizAttemptGrants.quizId, quizId), eq(quizAttemptGrants.userId, userId)))
		.orderBy(asc(quizAttemptGrants.grantedAt));
}

/** The extra attempts granted to a learner at a quiz, as a column of a query that reads more. */
export function extraAttemptsColumn(quizId: string, userId: string) {
	return sql<number>`(select coalesce(sum(${quizAttemptGrants.extra}), 0) from ${quizAttemptGrants}
		where ${quizAttemptGrants.quizId} = ${quizId} and ${quizAttemptGrants.userId} = ${userId})`.mapWith(
		Number
	);
}

/** Extra attempts at a quiz per learner granted any (grants are few: one small query). */
export async function extraAttemptsAt(db: Database, quizId: string): Promise<Map<string, number>> {
	const rows = await db
		.select({
			userId: quizAttemptGrants.userId,
			extra: sql<number>`sum(${quizAttemptGrants.extra})`.mapWith(Number)
		})
		.from(quizAttemptGrants)
		.where(eq(quizAttemptGrants.quizId, quizId))
		.groupBy(quizAttemptGrants.userId);
	return new Map(rows.map((row) => [row.userId, row.extra]));
}
