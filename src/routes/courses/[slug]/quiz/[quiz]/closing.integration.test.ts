import { isRedirect } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { quizAttempts, type Course, type QuizAttempt } from '$db/schema';
import { certificatesOf } from '$lib/server/certificates/queries';
import { issueCertificate } from '$lib/server/certificates/issue';
import { createTestDatabase, testEngines } from '$lib/server/db/test-helpers';
import type { Database, DatabaseHandle } from '$lib/server/db';
import { getEnrolment } from '$lib/server/enrolment';
import {
	learnerWithLessonsDone,
	passingAttempt,
	rightAnswers,
	timedQuizCourse
} from '$testing/quizzes';
import * as quizPage from './+page.server';
import * as attemptPage from './[attempt]/+page.server';

// Every way a passing attempt gets closed, through the route that closes it: each must complete the
// course (and issue its certificate) in the transaction that grades the attempt.

vi.mock('$lib/server/certificates/issue', async (original) => {
	const actual = await original<typeof import('$lib/server/certificates/issue')>();
	return { ...actual, issueCertificate: vi.fn(actual.issueCertificate) };
});

type User = Awaited<ReturnType<typeof learnerWithLessonsDone>>;

describe.each(testEngines)('closing a passing attempt on %s', (engine) => {
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

	const locals = (user: User) =>
		({
			db,
			engine,
			requestId: 'test',
			session: null,
			user,
			scope: { staff: false, admin: false, writes: false, reviews: false, organisationIds: [] }
		}) as unknown as App.Locals;
	const base = (attempt: QuizAttempt) => `/courses/mini-course/quiz/final/${attempt.id}`;
	const params = (attempt?: QuizAttempt) => ({
		slug: 'mini-course',
		quiz: 'final',
		...(attempt ? { attempt: attempt.id } : {})
	});

	/** The page's form as the browser sends it: the right answers, and the button pressed. */
	function pageForm(attempt: QuizAttempt, go: string) {
		const answers = rightAnswers(attempt);
		const form = new FormData();
		form.set('page', '1');
		form.set('go', go);
		form.set('q.dinh-nghia', String(answers['dinh-nghia'].choice));
		form.set('q.hoan-von', answers['hoan-von'].value);
		return form;
	}

	/** Runs a form action or load that ends in a redirect; returns where it sends the learner. */
	async function redirected(run: () => unknown): Promise<string> {
		try {
			await run();
		} catch (thrown) {
			if (isRedirect(thrown)) return thrown.location;
			throw thrown;
		}
		throw new Error('no redirect');
	}

	async function save(user: User, attempt: QuizAttempt, go: string) {
		const request = new Request(`http://localhost${base(attempt)}?/save`, {
			method: 'POST',
			body: pageForm(attempt, go)
		});
		return attemptPage.actions.save({
			locals: locals(user),
			params: params(attempt),
			request,
			url: new URL(request.url)
		} as never);
	}

	async function stored(attempt: QuizAttempt) {
		const [row] = await db.select().from(quizAttempts).where(eq(quizAttempts.id, attempt.id));
		return row;
	}

	async function expectCompleted(user: User, at?: Date) {
		const enrolment = await getEnrolment(db, user.id, course.id);
		expect(enrolment?.completedAt).not.toBeNull();
		if (at) expect(enrolment?.completedAt?.toISOString()).toBe(at.toISOString());
		const certificates = await certificatesOf(db, user.id);
		expect(certificates).toHaveLength(1);
		if (at) expect(certificates[0].completedAt.toISOString()).toBe(at.toISOString());
	}

	const hourAgo = () => new Date(Date.now() - 60 * 60_000);
	const deadlineOf = (attempt: QuizAttempt) => attempt.deadlineAt!;

	it('completes the course when the learner hands in', async () => {
		const start = new Date(Date.now() - 60_000);
		const user = await learnerWithLessonsDone(db, course, start);
		const attempt = await passingAttempt(db, course, user.id, start);
		expect(await redirected(() => save(user, attempt, 'submit'))).toBe(
			`${base(attempt)}?completed`
		);
		expect((await stored(attempt)).passed).toBe(true);
		await expectCompleted(user);
	});

	it('completes the course when the hand-in arrives after the time is up', async () => {
		const user = await learnerWithLessonsDone(db, course, hourAgo());
		const attempt = await passingAttempt(db, course, user.id, hourAgo());
		const to = await redirected(() => save(user, attempt, 'submit'));
		expect(to).toContain(`${base(attempt)}?timeup`);
		expect(to).toContain('completed');
		expect((await stored(attempt)).passed).toBe(true);
		// Graded as of the deadline, so the course was complete then.
		await expectCompleted(user, deadlineOf(attempt));
	});

	it('completes the course when a page is saved after the time is up', async () => {
		const user = await learnerWithLessonsDone(db, course, hourAgo());
		const attempt = await passingAttempt(db, course, user.id, hourAgo());
		expect(await redirected(() => save(user, attempt, 'next'))).toContain(
			`${base(attempt)}?timeup`
		);
		await expectCompleted(user, deadlineOf(attempt));
	});

	it('completes the course when the attempt page is opened after the time is up', async () => {
		const user = await learnerWithLessonsDone(db, course, hourAgo());
		const attempt = await passingAttempt(db, course, user.id, hourAgo());
		const url = new URL(`http://localhost${base(attempt)}`);
		const page = await attemptPage.load({
			locals: locals(user),
			params: params(attempt),
			url
		} as never);
		expect(page).toMatchObject({ mode: 'result', result: { passed: true } });
		await expectCompleted(user, deadlineOf(attempt));
	});

	it('completes the course when the quiz page is opened after the time is up', async () => {
		const user = await learnerWithLessonsDone(db, course, hourAgo());
		const attempt = await passingAttempt(db, course, user.id, hourAgo());
		await quizPage.load({
			locals: locals(user),
			params: params(),
			url: new URL('http://localhost/courses/mini-course/quiz/final')
		} as never);
		expect((await stored(attempt)).state).toBe('submitted');
		await expectCompleted(user, deadlineOf(attempt));
	});

	it('completes the course when another attempt is started after the time is up', async () => {
		const user = await learnerWithLessonsDone(db, course, hourAgo());
		const attempt = await passingAttempt(db, course, user.id, hourAgo());
		const request = new Request('http://localhost/courses/mini-course/quiz/final?/start', {
			method: 'POST',
			body: new FormData()
		});
		await redirected(() =>
			quizPage.actions.start({ locals: locals(user), params: params(), request } as never)
		);
		expect((await stored(attempt)).state).toBe('submitted');
		await expectCompleted(user, deadlineOf(attempt));
	});

	it('never leaves a passing attempt graded without completion when completing fails', async () => {
		const start = new Date(Date.now() - 60_000);
		const user = await learnerWithLessonsDone(db, course, start);
		const attempt = await passingAttempt(db, course, user.id, start);
		vi.mocked(issueCertificate).mockRejectedValueOnce(new Error('the process died here'));
		await expect(save(user, attempt, 'submit')).rejects.toThrow('the process died here');
		// All or nothing: the attempt is still open, so handing in again does it all.
		expect((await stored(attempt)).state).toBe('in_progress');
		expect((await getEnrolment(db, user.id, course.id))?.completedAt).toBeNull();
		expect(await redirected(() => save(user, attempt, 'submit'))).toBe(
			`${base(attempt)}?completed`
		);
		await expectCompleted(user);
	});

	it('leaves a failed attempt graded and the course incomplete, whatever closes it', async () => {
		const user = await learnerWithLessonsDone(db, course, hourAgo());
		const quiz = await passingAttempt(db, course, user.id, hourAgo());
		await db.update(quizAttempts).set({ responses: {} }).where(eq(quizAttempts.id, quiz.id));
		await quizPage.load({
			locals: locals(user),
			params: params(),
			url: new URL('http://localhost/courses/mini-course/quiz/final')
		} as never);
		expect(await stored(quiz)).toMatchObject({ state: 'submitted', passed: false });
		expect((await getEnrolment(db, user.id, course.id))?.completedAt).toBeNull();
	});
});
