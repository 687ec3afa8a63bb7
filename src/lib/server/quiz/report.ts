import { and, asc, eq, type SQL } from 'drizzle-orm';
import { quizAttempts, users, type Quiz } from '$db/schema';
import type { Database } from '../db';
import { allowedAttempts, extraAttemptsAt } from './allowance';
import { definitionOf, responsesOf, snapshotOf } from './attempts';
import { questionStatistics } from './statistics';
import { withinReach, type Reach } from '../organisations/reach';

/**
 * A quiz as trainers see it: each learner's attempts, best score and pass, how many attempts they
 * may make (extra ones granted included) and whether they are out of them without passing, and
 * per-question statistics over the submitted attempts of the people within the staff member's reach
 * (organisations/reach.ts: the same rule as everywhere a staff member sees people).
 */
export async function quizReport(db: Database, quiz: Quiz, reach: Reach) {
	const filters: SQL[] = [
		eq(quizAttempts.quizId, quiz.id),
		eq(quizAttempts.state, 'submitted'),
		withinReach(reach)
	];
	const [rows, extras] = await Promise.all([
		db
			.select({
				attempt: quizAttempts,
				fullName: users.fullName,
				email: users.email,
				username: users.username
			})
			.from(quizAttempts)
			.innerJoin(users, eq(quizAttempts.userId, users.id))
			.where(and(...filters))
			.orderBy(asc(users.fullName), asc(quizAttempts.number)),
		extraAttemptsAt(db, quiz.id)
	]);
	const definition = definitionOf(quiz);

	const learners = new Map<
		string,
		{
			userId: string;
			fullName: string;
			identifier: string;
			attempts: number;
			best: number;
			passed: boolean;
			/** Attempts granted beyond the quiz's limit. */
			extra: number;
			/** The quiz's limit plus the extra attempts; null for no limit. */
			allowed: number | null;
			/** Every attempt used without passing: a trainer may grant more. */
			outOfAttempts: boolean;
		}
	>();
	for (const { attempt, fullName, email, username } of rows) {
		const entry = learners.get(attempt.userId) ?? {
			userId: attempt.userId,
			fullName,
			identifier: email ?? username ?? '',
			attempts: 0,
			best: 0,
			passed: false,
			extra: extras.get(attempt.userId) ?? 0,
			allowed: allowedAttempts(definition, extras.get(attempt.userId) ?? 0),
			outOfAttempts: false
		};
		entry.attempts++;
		entry.best = Math.max(entry.best, attempt.percent ?? 0);
		entry.passed ||= attempt.passed ?? false;
		entry.outOfAttempts =
			!entry.passed && entry.allowed !== null && entry.attempts >= entry.allowed;
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
