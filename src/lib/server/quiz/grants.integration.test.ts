import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quizAttemptGrants, users, type Course, type Quiz } from '$db/schema';
import { scopeOf, type StaffScope } from '../auth/staff';
import { syncCourses } from '../courses/sync';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { enrolSelf, getCourseBySlug } from '../enrolment';
import { createOrganisation } from '../organisations';
import { reachOf } from '../organisations/reach';
import { learningRecordOf } from '../progress/export';
import { makeUser } from '$testing/factories';
import { grantsOf } from './allowance';
import {
	attemptsAt,
	definitionOf,
	getQuiz,
	saveResponses,
	startAttempt,
	submitAttempt
} from './attempts';
import { grantExtraAttempts } from './grants';
import { quizReport } from './report';
import { mayReview } from './review';

const fixture = fileURLToPath(new URL('../courses/fixtures/good/mini-course', import.meta.url));

// As the shipped finals: three attempts, answers shown after the last one.
const QUIZ = `title:
  vi: Kiểm tra cuối khóa
passMark: 50
attempts: 3
review: after_last
questions:
  - id: dinh-nghia
    type: single
    text: Sản xuất sạch hơn là cách tiếp cận nào?
    options:
      - text: Phòng ngừa ô nhiễm ngay từ nguồn
        correct: true
      - text: Xử lý chất thải ở cuối đường ống
`;

describe.each(testEngines)('extra attempts granted by a trainer, on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let root: string;
	let course: Course;
	let quiz: Quiz;
	let school: string, branch: string, other: string;
	let trainer: StaffScope, trainerId: string;

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		root = mkdtempSync(join(tmpdir(), 'sachhon-grants-'));
		cpSync(fixture, join(root, 'mini-course'), { recursive: true });
		writeFileSync(join(root, 'mini-course', 'final.quiz.yaml'), QUIZ);
		await syncCourses(db, root, 'test');
		course = (await getCourseBySlug(db, 'mini-course'))!;
		quiz = (await getQuiz(db, course.id, 'final'))!;
		const org = async (name: string, parentId?: string) =>
			(await createOrganisation(db, { name, kind: 'school', area: null, parentId })).id;
		school = await org('Trường A');
		branch = await org('Phân hiệu A1', school);
		other = await org('Trường B');
		trainerId = (await makeUser(db, { fullName: 'Giảng Viên A' })).id;
		trainer = scopeOf({ isAdmin: false }, [{ role: 'trainer', organisationId: school }]);
	});
	afterAll(async () => {
		await handle?.close();
		rmSync(root, { recursive: true, force: true });
	});

	/** A learner of this organisation, enrolled, who has failed `failed` attempts at the final. */
	async function learnerWhoFailed(failed: number, organisationId = branch) {
		const user = await makeUser(db, { organisationId });
		await enrolSelf(db, user.id, course, 'MAU-2026');
		for (let i = 0; i < failed; i++) await failOnce(user.id);
		return user;
	}
	/** Starts an attempt and hands it in with nothing answered. */
	async function failOnce(userId: string) {
		const started = await startAttempt(db, quiz, userId);
		if (!started.ok) throw new Error(`not started: ${started.reason}`);
		const closed = await submitAttempt(db, started.attempt.id, userId);
		expect(closed).toMatchObject({ state: 'submitted', passed: false });
		return closed!;
	}
	const grant = (scope: StaffScope, learnerId: string, extra = 1, reason?: string) =>
		grantExtraAttempts(db, scope, { quiz, learnerId, grantedBy: trainerId, extra, reason });
	/** Which of the learner's attempts (by number) show their answers. */
	async function reviewable(userId: string) {
		const [attempts, grants] = await Promise.all([
			attemptsAt(db, quiz.id, userId),
			grantsOf(db, quiz.id, userId)
		]);
		return attempts
			.filter((a) => mayReview(a, attempts, definitionOf(quiz), grants))
			.map((a) => a.number);
	}

	it('lets a learner who failed 3 of 3 make a fourth attempt once a trainer grants one, and only one', async () => {
		const learner = await learnerWhoFailed(3);
		expect(await startAttempt(db, quiz, learner.id)).toEqual({
			ok: false,
			reason: 'no_attempts_left'
		});
		const before = await quizReport(db, quiz, await reachOf(db, trainer));
		expect(before.learners.find((l) => l.userId === learner.id)).toMatchObject({
			attempts: 3,
			allowed: 3,
			extra: 0,
			outOfAttempts: true
		});

		expect(await grant(trainer, learner.id, 1, '  Ốm ngày thi  ')).toEqual({
			ok: true,
			learner: { fullName: learner.fullName },
			extra: 1,
			allowed: 4
		});
		const [row] = await db
			.select()
			.from(quizAttemptGrants)
			.where(eq(quizAttemptGrants.userId, learner.id));
		expect(row).toMatchObject({
			quizId: quiz.id,
			extra: 1,
			reason: 'Ốm ngày thi',
			grantedBy: trainerId
		});
		expect(row.grantedAt).toBeInstanceOf(Date);

		const after = await quizReport(db, quiz, await reachOf(db, trainer));
		expect(after.learners.find((l) => l.userId === learner.id)).toMatchObject({
			allowed: 4,
			extra: 1,
			outOfAttempts: false
		});

		const fourth = await startAttempt(db, quiz, learner.id);
		expect(fourth).toMatchObject({ ok: true, resumed: false, attempt: { number: 4 } });
		if (!fourth.ok) return;
		await submitAttempt(db, fourth.attempt.id, learner.id);
		expect(await startAttempt(db, quiz, learner.id)).toEqual({
			ok: false,
			reason: 'no_attempts_left'
		});
		expect((await attemptsAt(db, quiz.id, learner.id)).map((a) => a.number)).toEqual([1, 2, 3, 4]);
	});

	// Decided: answers shown after the last attempt stay shown when more attempts are granted (the
	// learner has seen them; hiding them would take nothing back). The extra attempts' own answers
	// wait until those are used up too, and none show while an attempt is being taken.
	it('keeps the answers of attempts shown after the last one; shows the extra ones’ once used up', async () => {
		const learner = await learnerWhoFailed(2);
		expect(await reviewable(learner.id)).toEqual([]);
		await failOnce(learner.id);
		expect(await reviewable(learner.id)).toEqual([1, 2, 3]);

		expect((await grant(trainer, learner.id, 2)).ok).toBe(true);
		expect(await reviewable(learner.id)).toEqual([1, 2, 3]);
		const fourth = await startAttempt(db, quiz, learner.id);
		if (!fourth.ok) throw new Error('no fourth attempt');
		expect(await reviewable(learner.id)).toEqual([1, 2, 3]);
		await submitAttempt(db, fourth.attempt.id, learner.id);
		// One extra attempt left: the fourth's answers are not shown yet.
		expect(await reviewable(learner.id)).toEqual([1, 2, 3]);
		await failOnce(learner.id);
		expect(await reviewable(learner.id)).toEqual([1, 2, 3, 4, 5]);
	});

	it('grants only to someone out of attempts who has not passed, once however often clicked', async () => {
		const learner = await learnerWhoFailed(2);
		expect(await grant(trainer, learner.id)).toEqual({ ok: false, reason: 'attempts_left' });
		const open = await startAttempt(db, quiz, learner.id);
		expect(await grant(trainer, learner.id)).toEqual({ ok: false, reason: 'attempts_left' });
		if (open.ok) await submitAttempt(db, open.attempt.id, learner.id);

		// A double click, or two trainers at once: one grant is recorded.
		const clicks = await Promise.all([1, 2, 3].map(() => grant(trainer, learner.id)));
		expect(clicks.filter((c) => c.ok)).toHaveLength(1);
		expect(clicks.filter((c) => !c.ok)).toEqual([
			{ ok: false, reason: 'attempts_left' },
			{ ok: false, reason: 'attempts_left' }
		]);
		expect(await grantsOf(db, quiz.id, learner.id)).toHaveLength(1);

		expect(await grant(trainer, learner.id, 0)).toEqual({ ok: false, reason: 'invalid' });
		expect(await grant(trainer, learner.id, 11)).toEqual({ ok: false, reason: 'invalid' });
		expect(await grant(trainer, learner.id, 1, 'x'.repeat(201))).toEqual({
			ok: false,
			reason: 'invalid'
		});
	});

	it('refuses a learner who passed', async () => {
		const learner = await learnerWhoFailed(0);
		const started = await startAttempt(db, quiz, learner.id);
		if (!started.ok) throw new Error('not started');
		const snapshot = started.attempt.snapshot as {
			questions: { options: { correct: boolean }[] }[];
		};
		const choice = snapshot.questions[0].options.findIndex((o) => o.correct);
		await saveResponses(db, started.attempt.id, learner.id, {
			'dinh-nghia': { type: 'single', choice }
		});
		expect(await submitAttempt(db, started.attempt.id, learner.id)).toMatchObject({
			passed: true
		});
		expect(await grant(trainer, learner.id)).toEqual({ ok: false, reason: 'passed' });
	});

	it('lets only those who may see the learner’s results grant: not a learner, not another organisation', async () => {
		const learner = await learnerWhoFailed(3);
		const otherTrainer = scopeOf({ isAdmin: false }, [{ role: 'trainer', organisationId: other }]);
		const learnerScope = scopeOf({ isAdmin: false }, []);
		expect(await grant(otherTrainer, learner.id)).toEqual({ ok: false, reason: 'not_found' });
		expect(await grant(learnerScope, learner.id)).toEqual({ ok: false, reason: 'not_found' });
		// The learner cannot grant themselves attempts either.
		expect(
			await grantExtraAttempts(db, learnerScope, {
				quiz,
				learnerId: learner.id,
				grantedBy: learner.id,
				extra: 1
			})
		).toEqual({ ok: false, reason: 'not_found' });
		expect(await grantsOf(db, quiz.id, learner.id)).toEqual([]);
		expect(await startAttempt(db, quiz, learner.id)).toMatchObject({ ok: false });

		// Someone within reach but not enrolled in the course has nothing to be granted.
		const stranger = await makeUser(db, { organisationId: school });
		expect(await grant(trainer, stranger.id)).toEqual({ ok: false, reason: 'not_found' });

		// A manager of the organisation above, and an administrator, may.
		const manager = scopeOf({ isAdmin: false }, [{ role: 'manager', organisationId: school }]);
		expect((await grant(manager, learner.id)).ok).toBe(true);
		await failOnce(learner.id);
		const admin = scopeOf({ isAdmin: true }, []);
		expect((await grant(admin, learner.id)).ok).toBe(true);
	});

	it('is in the learner’s own data, outlives the granter’s account and goes with the learner’s', async () => {
		const learner = await learnerWhoFailed(3);
		const granter = await makeUser(db, { organisationId: school });
		const scope = scopeOf({ isAdmin: false }, [{ role: 'trainer', organisationId: school }]);
		const given = await grantExtraAttempts(db, scope, {
			quiz,
			learnerId: learner.id,
			grantedBy: granter.id,
			extra: 2,
			reason: 'Thi lại theo lịch lớp'
		});
		expect(given.ok).toBe(true);
		expect((await learningRecordOf(db, learner.id)).extraAttempts).toEqual([
			{
				course: 'mini-course',
				quiz: 'final',
				extra: 2,
				reason: 'Thi lại theo lịch lớp',
				grantedAt: expect.any(Date)
			}
		]);
		await db.delete(users).where(eq(users.id, granter.id));
		const [kept] = await db
			.select()
			.from(quizAttemptGrants)
			.where(eq(quizAttemptGrants.userId, learner.id));
		expect(kept).toMatchObject({ extra: 2, grantedBy: null });
		await db.delete(users).where(eq(users.id, learner.id));
		expect(
			await db.select().from(quizAttemptGrants).where(eq(quizAttemptGrants.userId, learner.id))
		).toEqual([]);
	});
});
