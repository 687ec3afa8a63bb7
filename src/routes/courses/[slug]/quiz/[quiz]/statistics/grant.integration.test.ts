import { isHttpError, isRedirect } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { users, type Course, type User } from '$db/schema';
import { overwriteGetLocale } from '$lib/paraglide/runtime';
import { grantRole } from '$lib/server/auth/roles';
import { staffScope } from '$lib/server/auth/staff';
import { createTestDatabase, testEngines } from '$lib/server/db/test-helpers';
import type { Database, DatabaseHandle } from '$lib/server/db';
import { createOrganisation } from '$lib/server/organisations';
import { getQuiz, startAttempt, submitAttempt } from '$lib/server/quiz/attempts';
import { learnerWithLessonsDone, timedQuizCourse } from '$testing/quizzes';
import { makeUser } from '$testing/factories';
import * as quizPage from '../+page.server';
import { actions, load } from './+page.server';

// Giving a learner out of attempts more of them, through the quiz statistics page's form as a
// browser without JavaScript posts it, and what the learner's quiz page says afterwards.
describe.each(testEngines)('the “more attempts” form on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let course: Course;
	let remove: () => void;
	let school: string;
	let trainer: App.Locals;

	const localsOf = async (user: User): Promise<App.Locals> =>
		({
			db,
			engine,
			user,
			session: null,
			scope: await staffScope(db, user),
			requestId: 'test',
			unread: 0
		}) as App.Locals;
	const params = { slug: 'mini-course', quiz: 'final' };
	const url = 'http://localhost/courses/mini-course/quiz/final/statistics?/grant';

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		({ course, remove } = await timedQuizCourse(db));
		school = (await createOrganisation(db, { name: 'Trường A', kind: 'school', area: null })).id;
		const user = await makeUser(db, { fullName: 'Giảng Viên A' });
		await grantRole(db, null, user.id, 'trainer', school);
		trainer = await localsOf(user);
	});
	afterAll(async () => {
		remove?.();
		await handle?.close();
	});
	afterEach(() => overwriteGetLocale(() => 'vi'));

	/** A learner of the school who handed in all three attempts at the final without an answer. */
	async function outOfAttempts(fullName: string) {
		const user = await learnerWithLessonsDone(db, course, new Date());
		await db.update(users).set({ fullName, organisationId: school }).where(eq(users.id, user.id));
		const quiz = (await getQuiz(db, course.id, 'final'))!;
		for (let i = 0; i < 3; i++) {
			const started = await startAttempt(db, quiz, user.id);
			if (!started.ok) throw new Error(`not started: ${started.reason}`);
			await submitAttempt(db, started.attempt.id, user.id);
		}
		return { ...user, fullName, organisationId: school };
	}

	/** Posts the form as a browser without JavaScript does: its id in a hidden field. */
	async function post(locals: App.Locals, fields: Record<string, string>) {
		const request = new Request(url, { method: 'POST', body: new URLSearchParams(fields) });
		try {
			return await actions.grant({ locals, params, request, url: new URL(url) } as never);
		} catch (thrown) {
			if (isHttpError(thrown)) return { status: thrown.status };
			throw thrown;
		}
	}
	const form = (learnerId: string, extra = '1', reason = '') => ({
		__superform_id: `grant-${learnerId}`,
		learnerId,
		extra,
		reason
	});
	const quizPageOf = async (user: User) =>
		(await quizPage.load({
			locals: await localsOf(user),
			params,
			url: new URL('http://localhost/courses/mini-course/quiz/final')
		} as never)) as { left: number | null; extra: number };

	it('shows a learner out of attempts to the trainer, grants one, and the learner may start again', async () => {
		const learner = await outOfAttempts('Trần Văn Bốn');
		const page = (await load({ locals: trainer, params } as never)) as {
			learners: { userId: string; outOfAttempts: boolean }[];
		};
		expect(page.learners.find((l) => l.userId === learner.id)?.outOfAttempts).toBe(true);
		expect(await quizPageOf(learner)).toMatchObject({ left: 0, extra: 0 });

		const answer = (await post(trainer, form(learner.id, '1', 'Mất điện khi làm bài'))) as {
			form: { id: string; valid: boolean; message: unknown };
		};
		expect(answer.form).toMatchObject({
			id: `grant-${learner.id}`,
			valid: true,
			message: { type: 'success', text: 'Đã cho thêm 1 lượt làm bài cho Trần Văn Bốn.' }
		});
		expect(await quizPageOf(learner)).toMatchObject({ left: 1, extra: 1 });
		const start = new Request('http://localhost/courses/mini-course/quiz/final?/start', {
			method: 'POST',
			body: new FormData()
		});
		let location = '';
		try {
			await quizPage.actions.start({
				locals: await localsOf(learner),
				params,
				request: start
			} as never);
		} catch (thrown) {
			if (!isRedirect(thrown)) throw thrown;
			location = thrown.location;
		}
		expect(location).toMatch(/\/quiz\/final\/[0-9a-f-]{36}$/);
	});

	it('keeps what was typed and says what is wrong beside the field, in the reader’s language', async () => {
		const learner = await outOfAttempts('Lê Thị Năm');
		const tooMany = (await post(trainer, form(learner.id, '11', 'Xin thêm'))) as {
			status: number;
			data: { form: { id: string; data: unknown; errors: Record<string, string[]> } };
		};
		expect(tooMany.status).toBe(400);
		expect(tooMany.data.form.id).toBe(`grant-${learner.id}`);
		expect(tooMany.data.form.data).toMatchObject({ extra: '11', reason: 'Xin thêm' });
		expect(tooMany.data.form.errors.extra).toEqual([
			'Số lượt cho thêm phải là số nguyên từ 1 đến 10.'
		]);

		const half = (await post(trainer, form(learner.id, '2.5'))) as typeof tooMany;
		expect(half.data.form.data).toMatchObject({ extra: '2.5' });
		expect(half.data.form.errors.extra).toHaveLength(1);

		overwriteGetLocale(() => 'en');
		const long = (await post(trainer, form(learner.id, '1', 'x'.repeat(201)))) as {
			data: { form: { errors: Record<string, string[]> } };
		};
		expect(long.data.form.errors.reason).toEqual([
			'The reason may be at most 200 characters long.'
		]);
		expect(await quizPageOf(learner)).toMatchObject({ left: 0, extra: 0 });
	});

	it('refuses a learner and a trainer of another organisation', async () => {
		const learner = await outOfAttempts('Phạm Văn Sáu');
		expect(await post(await localsOf(learner), form(learner.id))).toEqual({ status: 404 });
		const elsewhere = await makeUser(db);
		const otherSchool = await createOrganisation(db, {
			name: 'Trường B',
			kind: 'school',
			area: null
		});
		await grantRole(db, null, elsewhere.id, 'trainer', otherSchool.id);
		const refused = (await post(await localsOf(elsewhere), form(learner.id))) as {
			status: number;
			data: { form: { message: { type: string } } };
		};
		expect(refused.status).toBe(404);
		expect(refused.data.form.message.type).toBe('error');
		expect(await quizPageOf(learner)).toMatchObject({ left: 0, extra: 0 });
	});
});
