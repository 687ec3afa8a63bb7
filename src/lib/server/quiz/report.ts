import { and, asc, eq, type SQL } from 'drizzle-orm';
import { quizAttempts, users } from '$db/schema';
import type { Database } from '../db';
import { responsesOf, snapshotOf } from './attempts';
import { questionStatistics } from './statistics';
import { withinReach, type Reach } from '../organisations/reach';

/**
 * A quiz as trainers see it: each learner's attempts, best score and pass, and per-question
 * statistics over the submitted attempts of the people within the staff member's reach
 * (organisations/reach.ts: the same rule as everywhere a staff member sees people).
 */
export async function quizReport(db: Database, quizId: string, reach: Reach) {
	const filters: SQL[] = [
		eq(quizAttempts.quizId, quizId),
		eq(quizAttempts.state, 'submitted'),
		withinReach(reach)
	];
	const rows = await db
		.select({
			attempt: quizAttempts,
			fullName: users.fullName,
			email: users.email,
			username: users.username
		})
		.from(quizAttempts)
		.innerJoin(users, eq(quizAttempts.userId, users.id))
		.where(and(...filters))
		.orderBy(asc(users.fullName), asc(quizAttempts.number));

	const learners = new Map<
		string,
		{
			userId: string;
			fullName: string;
			identifier: string;
			attempts: number;
			best: number;
			passed: boolean;
		}
	>();
	for (const { attempt, fullName, email, username } of rows) {
		const entry = learners.get(attempt.userId) ?? {
			userId: attempt.userId,
			fullName,
			identifier: email ?? username ?? '',
			attempts: 0,
			best: 0,
			passed: false
		};
		entry.attempts++;
		entry.best = Math.max(entry.best, attempt.percent ?? 0);
		entry.passed ||= attempt.passed ?? false;
		learners.set(attempt.userId, entry);
	}
	const questions = questionStatistics(
		rows.map(({ attempt }) => ({
			snapshot: snapshotOf(attempt),
			responses: responsesOf(attempt),
			marks: attempt.marks ?? {},
			percent: attempt.percent ?? 0
		}))
	);
	return { learners: [...learners.values()], questions };
}
