import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lessons, quizAttempts, type Course } from '$db/schema';
import { certificatesOf } from '../certificates/queries';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { enrolSelf, getEnrolment } from '../enrolment';
import { closeExpiredAttempts, handIn, responsesOf, snapshotOf } from '../quiz/attempts';
import { gradeAttempt } from '../quiz/grading';
import {
	learnerWithLessonsDone,
	passingAttempt,
	rightAnswers,
	timedQuizCourse
} from '$testing/quizzes';
import { makeUser } from '$testing/factories';
import { completeMissedCompletions, recordActivity } from '.';

describe.each(testEngines)('course completion on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let course: Course;
	let remove: () => void;

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		({ course, remove } = await timedQuizCourse(db));
	});
	afterAll(async () => {
		await handle?.close();
		remove?.();
	});

	const completedAt = async (userId: string) =>
		(await getEnrolment(db, userId, course.id))?.completedAt ?? null;

	/** Grades an attempt as the closing paths did before completion went with grading: nothing else. */
	async function gradedAlone(attemptId: string, submittedAt: Date) {
		const [attempt] = await db.select().from(quizAttempts).where(eq(quizAttempts.id, attemptId));
		const snapshot = snapshotOf(attempt);
		const grade = gradeAttempt(snapshot.questions, responsesOf(attempt), snapshot.passMark);
		await db
			.update(quizAttempts)
			.set({ state: 'submitted', submittedAt, ...grade })
			.where(eq(quizAttempts.id, attemptId));
		return grade;
	}

	it('closes expired attempts with completion, as of their deadline', async () => {
		const start = new Date('2026-03-02T08:00:00Z');
		const user = await learnerWithLessonsDone(db, course, start);
		const attempt = await passingAttempt(db, course, user.id, start);
		const [closed] = await closeExpiredAttempts(db, user.id, new Date('2026-03-05T08:00:00Z'));
		expect(closed).toMatchObject({ state: 'submitted', passed: true });
		expect(await completedAt(user.id)).toEqual(attempt.deadlineAt);
		const [certificate] = await certificatesOf(db, user.id);
		expect(certificate.completedAt).toEqual(attempt.deadlineAt);
	});

	it('repairs courses whose rule graded attempts met without a completion, once', async () => {
		const start = new Date('2026-04-01T08:00:00Z');
		// Graded by the clock without completion: the repair completes it as of the grading.
		const missed = await learnerWithLessonsDone(db, course, start);
		const missedAttempt = await passingAttempt(db, course, missed.id, start);
		expect((await gradedAlone(missedAttempt.id, missedAttempt.deadlineAt!)).passed).toBe(true);
		// Passed, but a required lesson is still to do: not complete.
		const unfinished = await makeUser(db);
		await enrolSelf(db, unfinished.id, course, 'MAU-2026');
		await gradedAlone((await passingAttempt(db, course, unfinished.id, start)).id, start);
		// Every lesson done, the attempt graded but failed: not complete.
		const failed = await learnerWithLessonsDone(db, course, start);
		const failedAttempt = await passingAttempt(db, course, failed.id, start);
		await db
			.update(quizAttempts)
			.set({ responses: {} })
			.where(eq(quizAttempts.id, failedAttempt.id));
		expect((await gradedAlone(failedAttempt.id, start)).passed).toBe(false);

		const now = new Date('2026-05-01T00:00:00Z');
		expect(await completeMissedCompletions(db, now)).toBe(1);
		expect(await completedAt(missed.id)).toEqual(missedAttempt.deadlineAt);
		const [certificate] = await certificatesOf(db, missed.id);
		expect(certificate.completedAt).toEqual(missedAttempt.deadlineAt);
		expect(certificate.issuedAt).toEqual(now);
		expect(await completedAt(unfinished.id)).toBeNull();
		expect(await completedAt(failed.id)).toBeNull();
		// At the next start there is nothing left to do.
		expect(await completeMissedCompletions(db, new Date('2026-05-02T00:00:00Z'))).toBe(0);
		expect(await certificatesOf(db, missed.id)).toHaveLength(1);
	});

	it('completes the course when the last lesson and the quiz are finished at the same moment', async () => {
		const requiredLessons = await db
			.select()
			.from(lessons)
			.where(and(eq(lessons.courseId, course.id), eq(lessons.required, true)));
		const [last, ...others] = requiredLessons;
		const learners = await Promise.all(
			Array.from({ length: 8 }, async () => {
				const user = await makeUser(db);
				await enrolSelf(db, user.id, course, 'MAU-2026');
				for (const lesson of others)
					await recordActivity(db, {
						userId: user.id,
						courseId: course.id,
						lessonId: lesson.id,
						complete: true
					});
				const attempt = await passingAttempt(db, course, user.id, new Date());
				return { user, attempt };
			})
		);
		// The last lesson in one tab and the hand-in in another: neither may miss the other.
		await Promise.all(
			learners.flatMap(({ user, attempt }) => [
				recordActivity(db, {
					userId: user.id,
					courseId: course.id,
					lessonId: last.id,
					complete: true
				}),
				handIn(db, attempt.id, user.id, rightAnswers(attempt))
			])
		);
		for (const { user } of learners) {
			expect(await completedAt(user.id)).not.toBeNull();
			expect(await certificatesOf(db, user.id)).toHaveLength(1);
		}
	});
});
