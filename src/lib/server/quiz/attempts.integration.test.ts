import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lessons, quizAttempts, type Course } from '$db/schema';
import { syncCourses } from '../courses/sync';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { enrolSelf, getCourseBySlug, getEnrolment } from '../enrolment';
import { recordActivity } from '../progress';
import { certificatesOf } from '../certificates/queries';
import { makeUser } from '$testing/factories';
import {
	attemptsAt,
	bestAttempt,
	getQuiz,
	GRACE_MS,
	handIn,
	pastDeadline,
	saveResponses,
	snapshotOf,
	startAttempt,
	submitAttempt
} from './attempts';
import { definitionOf } from './attempts';
import { mayReview } from './review';

const fixture = fileURLToPath(new URL('../courses/fixtures/good/mini-course', import.meta.url));

const QUIZ = `title:
  vi: Kiểm tra cuối khóa
passMark: 50
attempts: 2
timeLimitMinutes: 10
review: after_last
questions:
  - id: dinh-nghia
    type: single
    text: Sản xuất sạch hơn là cách tiếp cận nào?
    options:
      - text: Phòng ngừa ô nhiễm ngay từ nguồn
        correct: true
      - text: Xử lý chất thải ở cuối đường ống
    explanation: SXSH là chiến lược phòng ngừa.
  - id: hoan-von
    type: numeric
    text: Đầu tư 65 triệu, tiết kiệm 20 triệu mỗi năm. Hoàn vốn sau bao nhiêu năm?
    answer: 3.25
    tolerance: 0.01
    unit: năm
`;

describe.each(testEngines)('quiz attempts on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let root: string;
	let course: Course;

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		root = mkdtempSync(join(tmpdir(), 'sachhon-quiz-'));
		cpSync(fixture, join(root, 'mini-course'), { recursive: true });
		writeFileSync(join(root, 'mini-course', 'final.quiz.yaml'), QUIZ);
		await syncCourses(db, root, 'test');
		course = (await getCourseBySlug(db, 'mini-course'))!;
	});
	afterAll(async () => {
		await handle?.close();
		rmSync(root, { recursive: true, force: true });
	});

	async function learner() {
		const user = await makeUser(db);
		await enrolSelf(db, user.id, course, 'MAU-2026');
		return user;
	}
	const quiz = async () => (await getQuiz(db, course.id, 'final'))!;
	const right = {
		'dinh-nghia': { type: 'single' as const, choice: -1 },
		'hoan-von': { type: 'numeric' as const, value: '3,25' }
	};
	/** The right answers in this attempt's own terms (options are shuffled per attempt). */
	function rightAnswers(attempt: Parameters<typeof snapshotOf>[0]) {
		const single = snapshotOf(attempt).questions.find((q) => q.id === 'dinh-nghia');
		const choice = single?.type === 'single' ? single.options.findIndex((o) => o.correct) : -1;
		return { ...right, 'dinh-nghia': { type: 'single' as const, choice } };
	}

	it('refuses learners who are not enrolled', async () => {
		const stranger = await makeUser(db);
		expect(await startAttempt(db, await quiz(), stranger.id)).toEqual({
			ok: false,
			reason: 'not_enrolled'
		});
	});

	it('starts, resumes, saves page by page, and grades once however often submitted', async () => {
		const user = await learner();
		const first = await startAttempt(db, await quiz(), user.id);
		expect(first.ok && first.resumed).toBe(false);
		const again = await startAttempt(db, await quiz(), user.id);
		expect(again.ok && again.resumed).toBe(true);
		if (!first.ok) throw new Error('not started');
		const attempt = first.attempt;
		expect(attempt.number).toBe(1);
		expect(
			snapshotOf(attempt)
				.questions.map((q) => q.id)
				.sort()
		).toEqual(['dinh-nghia', 'hoan-von']);

		const answers = rightAnswers(attempt);
		await saveResponses(db, attempt.id, user.id, { 'dinh-nghia': answers['dinh-nghia'] });
		await saveResponses(db, attempt.id, user.id, {
			'hoan-von': answers['hoan-von'],
			la: { type: 'short', value: 'x' }
		});
		const results = await Promise.all([1, 2, 3].map(() => submitAttempt(db, attempt.id, user.id)));
		expect(results.every((r) => r?.state === 'submitted' && r.score === 2 && r.passed)).toBe(true);
		const rows = await db.select().from(quizAttempts).where(eq(quizAttempts.userId, user.id));
		expect(rows).toHaveLength(1);
		expect(rows[0].responses).not.toHaveProperty('la');
		// Saving after submission changes nothing.
		expect(
			(
				await saveResponses(db, attempt.id, user.id, {
					'hoan-von': { type: 'numeric', value: '9' }
				})
			).ok
		).toBe(false);
	});

	it('holds the attempt limit when starts arrive together', async () => {
		const user = await learner();
		const q = await quiz();
		const firstWave = await Promise.all(
			Array.from({ length: 5 }, () => startAttempt(db, q, user.id))
		);
		const opened = new Set(firstWave.filter((r) => r.ok).map((r) => (r.ok ? r.attempt.id : '')));
		expect(opened.size).toBe(1);
		await submitAttempt(db, [...opened][0], user.id);
		const secondWave = await Promise.all(
			Array.from({ length: 5 }, () => startAttempt(db, q, user.id))
		);
		const second = secondWave.find((r) => r.ok);
		if (!second?.ok) throw new Error('no second attempt');
		await submitAttempt(db, second.attempt.id, user.id);
		expect(await startAttempt(db, q, user.id)).toEqual({ ok: false, reason: 'no_attempts_left' });
		const made = await attemptsAt(db, q.id, user.id);
		expect(made.map((a) => a.number)).toEqual([1, 2]);
		// Review after the last attempt.
		expect(mayReview(made[1], made, definitionOf(q), [])).toBe(true);
	});

	it('enforces the time limit on the server: late answers are refused and the attempt is submitted', async () => {
		const user = await learner();
		const start = new Date('2026-06-01T08:00:00Z');
		const started = await startAttempt(db, await quiz(), user.id, start);
		if (!started.ok) throw new Error('not started');
		const { attempt } = started;
		expect(attempt.deadlineAt?.getTime()).toBe(start.getTime() + 10 * 60_000);
		const answers = rightAnswers(attempt);
		const inTime = new Date(start.getTime() + 10 * 60_000 + GRACE_MS - 1000);
		expect(
			(
				await saveResponses(
					db,
					attempt.id,
					user.id,
					{ 'dinh-nghia': answers['dinh-nghia'] },
					inTime
				)
			).ok
		).toBe(true);
		const late = new Date(start.getTime() + 10 * 60_000 + GRACE_MS + 1000);
		const refused = await saveResponses(
			db,
			attempt.id,
			user.id,
			{ 'hoan-von': answers['hoan-von'] },
			late
		);
		expect(refused.ok).toBe(false);
		expect(refused.attempt?.state).toBe('submitted');
		expect(refused.attempt?.score).toBe(1);
		expect(refused.attempt?.submittedAt?.getTime()).toBe(attempt.deadlineAt?.getTime());
		// One of two right is 50%: the pass mark, reached exactly.
		expect(refused.attempt?.passed).toBe(true);
		expect(!refused.ok && refused.reason).toBe('time_up');
		// A save arriving after the hand-in (a double click) is told the attempt is closed, not late.
		const again = await saveResponses(db, attempt.id, user.id, {}, inTime);
		expect(!again.ok && again.reason).toBe('closed');
	});

	it('hands in once with the last page’s answers, and keeps answers saved from two tabs at once', async () => {
		const user = await learner();
		const started = await startAttempt(db, await quiz(), user.id);
		if (!started.ok) throw new Error('not started');
		const { attempt } = started;
		const answers = rightAnswers(attempt);
		// Two pages saved at the same moment (two tabs): neither overwrites the other.
		const saves = await Promise.all([
			saveResponses(db, attempt.id, user.id, { 'dinh-nghia': answers['dinh-nghia'] }),
			saveResponses(db, attempt.id, user.id, { 'hoan-von': { type: 'numeric', value: '1' } })
		]);
		expect(saves.every((r) => r.ok)).toBe(true);
		const [row] = await db.select().from(quizAttempts).where(eq(quizAttempts.id, attempt.id));
		expect(Object.keys(row.responses).sort()).toEqual(['dinh-nghia', 'hoan-von']);

		// The last page's answer (now right) comes with the hand-in; three clicks grade once.
		const clicks = await Promise.all(
			[1, 2, 3].map(() =>
				handIn(db, attempt.id, user.id, {
					'hoan-von': answers['hoan-von'],
					la: answers['hoan-von']
				})
			)
		);
		expect(clicks.map((c) => c.outcome).sort()).toEqual(['closed', 'closed', 'submitted']);
		const handed = clicks.find((c) => c.outcome === 'submitted')!.attempt!;
		expect(handed).toMatchObject({ state: 'submitted', score: 2, passed: true });
		expect(handed.responses).not.toHaveProperty('la');
		expect(clicks.every((c) => c.attempt?.score === 2)).toBe(true);
	});

	it('refuses the last page’s answers when handed in after the deadline', async () => {
		const user = await learner();
		const start = new Date('2026-06-02T08:00:00Z');
		const started = await startAttempt(db, await quiz(), user.id, start);
		if (!started.ok) throw new Error('not started');
		const { attempt } = started;
		const answers = rightAnswers(attempt);
		await saveResponses(db, attempt.id, user.id, { 'dinh-nghia': answers['dinh-nghia'] }, start);
		const late = new Date(start.getTime() + 10 * 60_000 + GRACE_MS + 1000);
		expect(pastDeadline(attempt, late)).toBe(true);
		const handed = await handIn(db, attempt.id, user.id, { 'hoan-von': answers['hoan-von'] }, late);
		expect(handed.outcome).toBe('time_up');
		expect(handed.attempt).toMatchObject({ state: 'submitted', score: 1 });
		expect(handed.attempt?.submittedAt?.getTime()).toBe(attempt.deadlineAt?.getTime());
	});

	it('keeps an attempt’s questions when the course changes, and counts the best attempt', async () => {
		const user = await learner();
		const started = await startAttempt(db, await quiz(), user.id);
		if (!started.ok) throw new Error('not started');
		const first = (await submitAttempt(db, started.attempt.id, user.id))!;
		expect(first.passed).toBe(false);

		const file = join(root, 'mini-course', 'final.quiz.yaml');
		writeFileSync(
			file,
			readFileSync(file, 'utf8').replace('Sản xuất sạch hơn là cách tiếp cận nào?', 'SXSH là gì?')
		);
		expect((await syncCourses(db, root, 'test')).updated).toEqual(['mini-course']);
		const [kept] = await attemptsAt(db, (await quiz()).id, user.id);
		expect(snapshotOf(kept).questions.find((q) => q.id === 'dinh-nghia')?.text).toBe(
			'Sản xuất sạch hơn là cách tiếp cận nào?'
		);
		const second = await startAttempt(db, await quiz(), user.id);
		if (!second.ok) throw new Error('not started');
		expect(snapshotOf(second.attempt).questions.find((q) => q.id === 'dinh-nghia')?.text).toBe(
			'SXSH là gì?'
		);
		await saveResponses(db, second.attempt.id, user.id, rightAnswers(second.attempt));
		await submitAttempt(db, second.attempt.id, user.id);
		const all = await attemptsAt(db, (await quiz()).id, user.id);
		expect(bestAttempt(all)?.number).toBe(2);
	});

	it('completes the course only when the required quiz is passed too', async () => {
		const user = await learner();
		const required = await db.select().from(lessons).where(eq(lessons.courseId, course.id));
		for (const lesson of required) {
			await recordActivity(db, {
				userId: user.id,
				courseId: course.id,
				lessonId: lesson.id,
				complete: true
			});
		}
		expect((await getEnrolment(db, user.id, course.id))?.completedAt).toBeNull();
		const started = await startAttempt(db, await quiz(), user.id);
		if (!started.ok) throw new Error('not started');
		const submitted = await handIn(db, started.attempt.id, user.id, rightAnswers(started.attempt));
		expect(submitted).toMatchObject({ outcome: 'submitted', courseCompleted: true });
		expect((await getEnrolment(db, user.id, course.id))?.completedAt).not.toBeNull();
		// Completion brings the certificate, once: passing again within its validity adds none.
		expect(await certificatesOf(db, user.id)).toHaveLength(1);
		const again = await startAttempt(db, await quiz(), user.id);
		if (!again.ok) throw new Error('not started');
		expect(await handIn(db, again.attempt.id, user.id, rightAnswers(again.attempt))).toMatchObject({
			outcome: 'submitted',
			courseCompleted: false
		});
		expect(await certificatesOf(db, user.id)).toHaveLength(1);
	});
});
