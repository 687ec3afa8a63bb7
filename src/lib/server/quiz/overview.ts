import { and, asc, eq, isNull } from 'drizzle-orm';
import { quizAttempts, quizzes } from '$db/schema';
import type { Database } from '../db';
import type { QuizDefinition } from './format';

/** How many questions an attempt asks: every question without a pool, plus each pool's draw. */
export function questionsAsked(definition: QuizDefinition): number {
	return (
		definition.questions.filter((q) => !q.pool).length +
		definition.draw.reduce((sum, d) => sum + d.count, 0)
	);
}

export function quizSettings(definition: QuizDefinition) {
	return {
		passMark: definition.passMark,
		attempts: definition.attempts,
		timeLimitMinutes: definition.timeLimitMinutes,
		questions: questionsAsked(definition),
		review: definition.review
	};
}

/** A course's current quizzes with one learner's standing on each; two queries in all. */
export async function courseQuizzes(db: Database, courseId: string, userId: string | null) {
	const rows = await db
		.select()
		.from(quizzes)
		.where(and(eq(quizzes.courseId, courseId), isNull(quizzes.retiredAt)))
		.orderBy(asc(quizzes.slug));
	const attempts = userId
		? await db
				.select({
					quizId: quizAttempts.quizId,
					state: quizAttempts.state,
					percent: quizAttempts.percent,
					passed: quizAttempts.passed
				})
				.from(quizAttempts)
				.where(and(eq(quizAttempts.courseId, courseId), eq(quizAttempts.userId, userId)))
		: [];
	return rows.map((quiz) => {
		const mine = attempts.filter((a) => a.quizId === quiz.id);
		const submitted = mine.filter((a) => a.state === 'submitted');
		return {
			slug: quiz.slug,
			title: quiz.title,
			required: quiz.required,
			afterLesson: quiz.afterLesson,
			...quizSettings(quiz.definition as unknown as QuizDefinition),
			attemptsMade: mine.length,
			inProgress: mine.some((a) => a.state === 'in_progress'),
			best: submitted.length ? Math.max(...submitted.map((a) => a.percent ?? 0)) : null,
			passed: submitted.some((a) => a.passed)
		};
	});
}

/** What stands between a learner and completing the course: the required quizzes not yet passed. */
export function quizzesLeft<T extends { required: boolean; passed: boolean }>(quizzes: T[]): T[] {
	return quizzes.filter((quiz) => quiz.required && !quiz.passed);
}
