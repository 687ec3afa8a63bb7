import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	auditEvents,
	surveyResponses,
	workshopAttendance,
	workshopRegistrations,
	workshops,
	workshopSessions,
	workshopTestScores,
	type Course,
	type QuizAttempt
} from '$db/schema';
import { paperScoreRowSchema, surveyAnswersSchema } from '$lib/schemas/workshop-day';
import { syncCourses } from '../courses/sync';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { grantRole } from '../auth/roles';
import { staffScope } from '../auth/staff';
import { getCourseBySlug, getEnrolment } from '../enrolment';
import { createOrganisation } from '../organisations';
import { getQuiz, handIn, snapshotOf } from '../quiz/attempts';
import { makeUser } from '$testing/factories';
import type { WorkshopViewer } from './access';
import { savePaperScores, workshopsOfAttempt } from './scores';
import { enterPaperSurvey, hasAnswered, submitSurvey, surveySummary } from './survey';
import { myTests, startWorkshopTest } from './test-taking';
import { testScores } from './tests';

const fixture = fileURLToPath(new URL('../courses/fixtures/good/mini-course', import.meta.url));
const PRE = `title:
  vi: Kiểm tra đầu vào
passMark: 50
questions:
  - id: nguon
    type: single
    text: Sản xuất sạch hơn phòng ngừa ô nhiễm ở đâu?
    options:
      - text: Ngay từ nguồn
        correct: true
      - text: Ở cuối đường ống
`;
const DEFAULT_SURVEY = '7b0c6a52-3f1e-4c8e-9a51-2d4f6b8e1c01';

describe.each(testEngines)('the day of a workshop on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let root: string;
	let course: Course;
	let preQuizId: string, finalQuizId: string;
	let orgA: string;
	let trainer: WorkshopViewer, outsider: WorkshopViewer;

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		root = mkdtempSync(join(tmpdir(), 'sachhon-wsday-'));
		cpSync(fixture, join(root, 'mini-course'), { recursive: true });
		writeFileSync(join(root, 'mini-course', 'dau-vao.quiz.yaml'), PRE);
		await syncCourses(db, root, 'test');
		course = (await getCourseBySlug(db, 'mini-course'))!;
		preQuizId = (await getQuiz(db, course.id, 'dau-vao'))!.id;
		finalQuizId = (await getQuiz(db, course.id, 'final'))!.id;
		orgA = (await createOrganisation(db, { name: 'Trung tâm A', kind: 'agency', area: null })).id;
		const orgB = (
			await createOrganisation(db, { name: 'Công ty B', kind: 'enterprise', area: null })
		).id;
		trainer = await staff('trainer', orgA);
		outsider = await staff('manager', orgB);
	});
	afterAll(async () => {
		await handle?.close();
		rmSync(root, { recursive: true, force: true });
	});

	async function staff(role: 'manager' | 'trainer', organisationId: string) {
		const user = await makeUser(db, { audience: 'manager' });
		await grantRole(db, null, user.id, role, organisationId);
		return { user, scope: await staffScope(db, user) };
	}
	async function person(): Promise<WorkshopViewer> {
		const user = await makeUser(db);
		return { user, scope: await staffScope(db, user) };
	}
	async function workshop(fields: Partial<typeof workshops.$inferInsert> = {}) {
		const [row] = await db
			.insert(workshops)
			.values({
				title: 'Tập huấn SXSH',
				organisationId: orgA,
				courseId: course.id,
				status: 'open',
				preQuizId,
				postQuizId: finalQuizId,
				surveyTemplateId: DEFAULT_SURVEY,
				...fields
			})
			.returning();
		return row;
	}
	async function seat(
		workshopId: string,
		viewer: WorkshopViewer,
		status: 'registered' | 'waitlisted' = 'registered'
	) {
		await db
			.insert(workshopRegistrations)
			.values({ workshopId, userId: viewer.user!.id, status, source: 'self' });
	}
	/** Hands in the attempt with the first option (right or wrong as the shuffle fell) or the right one. */
	async function answer(attempt: QuizAttempt, userId: string, right: boolean) {
		const answers = Object.fromEntries(
			snapshotOf(attempt).questions.map((q) => {
				const correct = q.type === 'single' ? q.options.findIndex((o) => o.correct) : 0;
				return [q.id, { type: 'single' as const, choice: right ? correct : 1 - correct }];
			})
		);
		const handed = await handIn(db, attempt.id, userId, answers);
		expect(handed.outcome).toBe('submitted');
	}
	const scoreRow = async (workshopId: string, userId: string, phase: 'pre' | 'post') =>
		(
			await db
				.select()
				.from(workshopTestScores)
				.where(
					and(
						eq(workshopTestScores.workshopId, workshopId),
						eq(workshopTestScores.userId, userId),
						eq(workshopTestScores.phase, phase)
					)
				)
		)[0];

	it("records a participant's pre-test taken on the phone, enrolling them in the course", async () => {
		const w = await workshop();
		const learner = await person();
		await seat(w.id, learner);
		expect(await getEnrolment(db, learner.user!.id, course.id)).toBeUndefined();
		const started = await startWorkshopTest(db, learner, w.id, 'pre');
		expect(started.ok).toBe(true);
		if (!started.ok) return;
		expect(started.courseSlug).toBe('mini-course');
		expect(started.quizSlug).toBe('dau-vao');
		expect((await getEnrolment(db, learner.user!.id, course.id))?.status).toBe('active');
		expect((await myTests(db, w, learner.user!.id))[0]).toMatchObject({
			phase: 'pre',
			state: 'started'
		});
		await answer(started.attempt, learner.user!.id, true);
		const row = await scoreRow(w.id, learner.user!.id, 'pre');
		expect(row).toMatchObject({ percent: 100, source: 'online', attemptId: started.attempt.id });
		expect(await scoreRow(w.id, learner.user!.id, 'post')).toBeUndefined();
		// The quiz's result page points back to the workshop.
		expect(await workshopsOfAttempt(db, started.attempt.id)).toEqual([
			{ id: w.id, title: w.title, phase: 'pre' }
		]);
		const tests = await myTests(db, w, learner.user!.id);
		expect(tests.map((t) => [t.phase, t.state, t.percent])).toEqual([
			['pre', 'done', 100],
			['post', 'todo', null]
		]);
	});

	it('records nothing for someone who takes the same quiz without a seat at the workshop', async () => {
		const w = await workshop();
		const waiting = await person();
		await seat(w.id, waiting, 'waitlisted');
		expect(await startWorkshopTest(db, waiting, w.id, 'pre')).toEqual({
			ok: false,
			reason: 'not_participant'
		});
		// Taking the quiz in the course itself is not the workshop's test.
		const mine = await startWorkshopTest(db, trainer, w.id, 'pre');
		expect(mine).toEqual({ ok: false, reason: 'not_participant' });
		expect(await testScores(db, w.id)).toEqual([]);
	});

	it('lets a walk-in seen at a session take the test, and refuses tests of a closed workshop', async () => {
		const w = await workshop();
		const [session] = await db
			.insert(workshopSessions)
			.values({
				workshopId: w.id,
				startsAt: new Date(Date.now() - 3_600_000),
				endsAt: new Date(Date.now() + 3_600_000)
			})
			.returning();
		const walkIn = await person();
		await db.insert(workshopAttendance).values({
			sessionId: session.id,
			userId: walkIn.user!.id,
			method: 'tap',
			recordedAt: new Date()
		});
		const started = await startWorkshopTest(db, walkIn, w.id, 'post');
		expect(started.ok).toBe(true);
		if (started.ok) await answer(started.attempt, walkIn.user!.id, true);
		expect((await scoreRow(w.id, walkIn.user!.id, 'post'))?.percent).toBe(100);

		const closed = await workshop({ status: 'closed' });
		await seat(closed.id, walkIn);
		expect(await startWorkshopTest(db, walkIn, closed.id, 'pre')).toEqual({
			ok: false,
			reason: 'not_open'
		});
		const none = await workshop({ preQuizId: null });
		await seat(none.id, walkIn);
		expect(await startWorkshopTest(db, walkIn, none.id, 'pre')).toEqual({
			ok: false,
			reason: 'no_test'
		});
	});

	it('tells the pre-test from the post-test when one quiz serves as both', async () => {
		// The last session began an hour ago: a second attempt, after a pre-test, is the post-test.
		const w = await workshop({ preQuizId: finalQuizId, postQuizId: finalQuizId });
		await db.insert(workshopSessions).values({
			workshopId: w.id,
			startsAt: new Date(Date.now() - 3_600_000),
			endsAt: new Date(Date.now() + 3_600_000)
		});
		const learner = await person();
		await seat(w.id, learner);
		const first = await startWorkshopTest(db, learner, w.id, 'pre');
		if (!first.ok) throw new Error(first.reason);
		await answer(first.attempt, learner.user!.id, false);
		expect((await scoreRow(w.id, learner.user!.id, 'pre'))?.percent).toBe(0);
		expect(await scoreRow(w.id, learner.user!.id, 'post')).toBeUndefined();
		const second = await startWorkshopTest(db, learner, w.id, 'post');
		if (!second.ok) throw new Error(second.reason);
		await answer(second.attempt, learner.user!.id, true);
		expect((await scoreRow(w.id, learner.user!.id, 'pre'))?.percent).toBe(0);
		expect(await scoreRow(w.id, learner.user!.id, 'post')).toMatchObject({
			percent: 100,
			attemptId: second.attempt.id
		});
		// The quiz allows two attempts: its own rule still holds.
		expect(await startWorkshopTest(db, learner, w.id, 'post')).toEqual({
			ok: false,
			reason: 'no_attempts_left'
		});
	});

	it('saves paper scores together: a paper score replaces an online one, a cleared one goes', async () => {
		const w = await workshop();
		const [online, paper] = [await person(), await person()];
		await seat(w.id, online);
		await seat(w.id, paper);
		const started = await startWorkshopTest(db, online, w.id, 'pre');
		if (!started.ok) throw new Error(started.reason);
		await answer(started.attempt, online.user!.id, true);

		const rows = (typed: Record<string, { pre: string; post: string }>) =>
			Object.entries(typed).map(([userId, v]) => paperScoreRowSchema.parse({ userId, ...v }));
		const first = await savePaperScores(
			db,
			trainer,
			w.id,
			rows({
				[online.user!.id]: { pre: '', post: '90' },
				[paper.user!.id]: { pre: '35,5', post: '70 %' }
			})
		);
		expect(first).toEqual({ ok: true, saved: 3, removed: 0 });
		// Leaving an online score's field empty keeps it.
		expect(await scoreRow(w.id, online.user!.id, 'pre')).toMatchObject({
			percent: 100,
			source: 'online'
		});
		expect(await scoreRow(w.id, paper.user!.id, 'pre')).toMatchObject({
			percent: 35.5,
			source: 'paper',
			recordedBy: trainer.user!.id
		});
		// The trainer corrects from the paper: it replaces the online score; clearing removes paper.
		const second = await savePaperScores(
			db,
			trainer,
			w.id,
			rows({
				[online.user!.id]: { pre: '60', post: '90' },
				[paper.user!.id]: { pre: '', post: '70' }
			})
		);
		expect(second).toEqual({ ok: true, saved: 1, removed: 1 });
		expect(await scoreRow(w.id, online.user!.id, 'pre')).toMatchObject({
			percent: 60,
			source: 'paper',
			attemptId: null
		});
		expect(await scoreRow(w.id, paper.user!.id, 'pre')).toBeUndefined();
		const audits = await db
			.select()
			.from(auditEvents)
			.where(
				and(
					eq(auditEvents.subjectId, w.id),
					eq(auditEvents.action, 'workshop.paper_scores_entered')
				)
			);
		expect(audits.map((a) => a.details)).toEqual([
			{ saved: 3, removed: 0 },
			{ saved: 1, removed: 1 }
		]);
	});

	it('refuses percentages out of range, strangers in the table, and a foreign manager', async () => {
		for (const bad of ['101', '-5', 'abc', '1000', '50,123'])
			expect(
				paperScoreRowSchema.safeParse({ userId: crypto.randomUUID(), pre: bad, post: '' }).success
			).toBe(false);
		expect(
			paperScoreRowSchema.parse({ userId: crypto.randomUUID(), pre: '100', post: '0' })
		).toMatchObject({ pre: 100, post: 0 });
		const w = await workshop();
		const stranger = await person();
		const row = paperScoreRowSchema.parse({ userId: stranger.user!.id, pre: '50', post: '' });
		expect(await savePaperScores(db, trainer, w.id, [row])).toEqual({
			ok: false,
			reason: 'not_participant',
			userIds: [stranger.user!.id]
		});
		await seat(w.id, stranger);
		expect(await savePaperScores(db, outsider, w.id, [row])).toEqual({
			ok: false,
			reason: 'not_allowed'
		});
		expect(await savePaperScores(db, stranger, w.id, [row])).toEqual({
			ok: false,
			reason: 'not_allowed'
		});
		expect(await testScores(db, w.id)).toEqual([]);
		// Nothing reaches the database out of range, whatever the caller.
		await expect(
			db.insert(workshopTestScores).values({
				workshopId: w.id,
				userId: stranger.user!.id,
				phase: 'pre',
				percent: 120,
				source: 'paper'
			})
		).rejects.toThrow();
	});

	it('takes one survey answer per participant and none from people without a seat', async () => {
		const w = await workshop();
		const [learner, waiting] = [await person(), await person()];
		await seat(w.id, learner);
		await seat(w.id, waiting, 'waitlisted');
		const schema = surveyAnswersSchema([
			{ id: 'useful', kind: 'rating', text: 'Hữu ích', required: true },
			{ id: 'best', kind: 'comment', text: 'Góp ý' }
		]);
		const answers = schema.parse({ useful: '5', best: ' Rất thiết thực ' });
		expect(answers).toEqual({ useful: 5, best: 'Rất thiết thực' });
		expect(schema.safeParse({ useful: '6' }).success).toBe(false);
		expect(schema.safeParse({ best: 'thiếu điểm' }).success).toBe(false);

		expect(await submitSurvey(db, waiting, w.id, answers)).toEqual({
			ok: false,
			reason: 'not_participant'
		});
		expect(await hasAnswered(db, w.id, learner.user!.id)).toBe(false);
		expect(await submitSurvey(db, learner, w.id, answers)).toEqual({ ok: true });
		expect(await hasAnswered(db, w.id, learner.user!.id)).toBe(true);
		expect(await submitSurvey(db, learner, w.id, { useful: 1 })).toEqual({
			ok: false,
			reason: 'already'
		});
		const summary = await surveySummary(db, w.id);
		expect(summary.responses).toBe(1);
		expect(summary.questions.find((q) => q.id === 'useful')?.average).toBe(5);
	});

	it('takes paper survey forms from the trainer, anonymous, blank ratings left blank', async () => {
		const w = await workshop();
		const paper = surveyAnswersSchema(
			[
				{ id: 'useful', kind: 'rating', text: 'Hữu ích', required: true },
				{ id: 'trainer', kind: 'rating', text: 'Giảng viên', required: true }
			],
			true
		);
		expect(paper.safeParse({ useful: '', trainer: '' }).success).toBe(false);
		const form = paper.parse({ useful: '4', trainer: '' });
		expect(form).toEqual({ useful: 4 });
		expect(await enterPaperSurvey(db, outsider, w.id, form)).toEqual({
			ok: false,
			reason: 'not_allowed'
		});
		expect(await enterPaperSurvey(db, trainer, w.id, form)).toEqual({ ok: true });
		expect(await enterPaperSurvey(db, trainer, w.id, form)).toEqual({ ok: true });
		const rows = await db
			.select()
			.from(surveyResponses)
			.where(eq(surveyResponses.workshopId, w.id));
		expect(rows).toHaveLength(2);
		expect(rows.every((r) => r.userId === null && r.recordedBy === trainer.user!.id)).toBe(true);
		const summary = await surveySummary(db, w.id);
		expect(summary.questions.find((q) => q.id === 'useful')).toMatchObject({
			count: 2,
			average: 4
		});
		const none = await workshop({ surveyTemplateId: null });
		expect(await enterPaperSurvey(db, trainer, none.id, form)).toEqual({
			ok: false,
			reason: 'no_survey'
		});
	});
});
