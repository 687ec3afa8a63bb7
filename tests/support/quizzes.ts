// Test data for the quiz modules and the quiz routes (not shipped code paths).
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { lessons, type Course, type QuizAttempt } from '$db/schema';
import { syncCourses } from '$lib/server/courses/sync';
import type { Database } from '$lib/server/db';
import { enrolSelf, getCourseBySlug } from '$lib/server/enrolment';
import { recordActivity } from '$lib/server/progress';
import { makeUser } from '$testing/factories';
import { getQuiz, saveResponses, snapshotOf, startAttempt } from '$lib/server/quiz/attempts';

const fixture = fileURLToPath(
	new URL('../../src/lib/server/courses/fixtures/good/mini-course', import.meta.url)
);

/** The sample course's final quiz, timed, with a numeric question; passing needs one of two right. */
export const TIMED_QUIZ = `title:
  vi: Kiểm tra cuối khóa
passMark: 50
attempts: 3
timeLimitMinutes: 10
review: after_each
questions:
  - id: dinh-nghia
    type: single
    text: Sản xuất sạch hơn là cách tiếp cận nào?
    options:
      - text: Phòng ngừa ô nhiễm ngay từ nguồn
        correct: true
      - text: Xử lý chất thải ở cuối đường ống
  - id: hoan-von
    type: numeric
    text: Đầu tư 65 triệu, tiết kiệm 20 triệu mỗi năm. Hoàn vốn sau bao nhiêu năm?
    answer: 3.25
    tolerance: 0.01
    unit: năm
`;

/** The sample course (certificate on, every lesson and the quiz required) with the timed quiz. */
export async function timedQuizCourse(db: Database): Promise<{ course: Course; remove(): void }> {
	const root = mkdtempSync(join(tmpdir(), 'sachhon-quiz-'));
	cpSync(fixture, join(root, 'mini-course'), { recursive: true });
	writeFileSync(join(root, 'mini-course', 'final.quiz.yaml'), TIMED_QUIZ);
	await syncCourses(db, root, 'test');
	const course = (await getCourseBySlug(db, 'mini-course'))!;
	return { course, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** An enrolled learner who finished every lesson at `at`: only the quiz stands between them and completion. */
export async function learnerWithLessonsDone(db: Database, course: Course, at: Date) {
	const user = await makeUser(db);
	await enrolSelf(db, user.id, course, 'MAU-2026');
	const all = await db.select().from(lessons).where(eq(lessons.courseId, course.id));
	for (const lesson of all)
		await recordActivity(db, {
			userId: user.id,
			courseId: course.id,
			lessonId: lesson.id,
			complete: true,
			now: at
		});
	return user;
}

/** The right answer to each question, in this attempt's own terms (options are shuffled). */
export function rightAnswers(attempt: QuizAttempt) {
	const single = snapshotOf(attempt).questions.find((q) => q.id === 'dinh-nghia');
	const choice = single?.type === 'single' ? single.options.findIndex((o) => o.correct) : -1;
	return {
		'dinh-nghia': { type: 'single' as const, choice },
		'hoan-von': { type: 'numeric' as const, value: '3,25' }
	};
}

/** An attempt started at `start` with the right answers saved then: passing, once graded. */
export async function passingAttempt(db: Database, course: Course, userId: string, start: Date) {
	const started = await startAttempt(db, (await getQuiz(db, course.id, 'final'))!, userId, start);
	if (!started.ok) throw new Error(`not started: ${started.reason}`);
	const saved = await saveResponses(
		db,
		started.attempt.id,
		userId,
		rightAnswers(started.attempt),
		start
	);
	if (!saved.ok) throw new Error(`not saved: ${saved.reason}`);
	return saved.attempt;
}
