import { isRedirect } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { quizAttempts, type Course, type QuizAttempt } from '$db/schema';
import { overwriteGetLocale } from '$lib/paraglide/runtime';
import { createTestDatabase, testEngines } from '$lib/server/db/test-helpers';
import type { Database, DatabaseHandle } from '$lib/server/db';
import {
	learnerWithLessonsDone,
	passingAttempt,
	rightAnswers,
	timedQuizCourse
} from '$testing/quizzes';
import * as attemptPage from './+page.server';

// A number answer that reads two ways, or is not a number, is asked for again in the page's
// language, keeping what was typed; it is never graded as written. The timed quiz's number
// question wants 3.25.

type User = Awaited<ReturnType<typeof learnerWithLessonsDone>>;

describe.each(testEngines)('number answers on the attempt page on %s', (engine) => {
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
	afterEach(() => overwriteGetLocale(() => 'vi'));

	const locals = (user: User) =>
		({
			db,
			engine,
			requestId: 'test',
			session: null,
			user,
			scope: { staff: false, admin: false, writes: false, reviews: false, organisationIds: [] }
		}) as unknown as App.Locals;
	const params = (attempt: QuizAttempt) => ({
		slug: 'mini-course',
		quiz: 'final',
		attempt: attempt.id
	});

	/** A fresh attempt with time left, nothing answered yet. */
	async function fresh() {
		const user = await learnerWithLessonsDone(db, course, new Date());
		const attempt = await passingAttempt(db, course, user.id, new Date());
		await db.update(quizAttempts).set({ responses: {} }).where(eq(quizAttempts.id, attempt.id));
		return { user, attempt };
	}

	/** Sends the page with the right choice and `typed` as the number; returns the redirect, if any. */
	async function send(user: User, attempt: QuizAttempt, typed: string, go: string) {
		const form = new FormData();
		form.set('page', '1');
		form.set('go', go);
		form.set('q.dinh-nghia', String(rightAnswers(attempt)['dinh-nghia'].choice));
		form.set('q.hoan-von', typed);
		const request = new Request('http://localhost/?/save', { method: 'POST', body: form });
		try {
			return await attemptPage.actions.save({
				locals: locals(user),
				params: params(attempt),
				request,
				url: new URL(request.url)
			} as never);
		} catch (thrown) {
			if (isRedirect(thrown)) return { redirect: thrown.location };
			throw thrown;
		}
	}

	/** The attempt page as the learner sees it while taking the quiz. */
	async function shown(user: User, attempt: QuizAttempt, query = '') {
		return (await attemptPage.load({
			locals: locals(user),
			params: params(attempt),
			url: new URL(`http://localhost/attempt${query}`)
		} as never)) as {
			handInRefused: boolean;
			responses: Record<string, unknown>;
			reenter: Record<string, string>;
		};
	}

	const stored = async (attempt: QuizAttempt) =>
		(await db.select().from(quizAttempts).where(eq(quizAttempts.id, attempt.id)))[0];

	it('does not hand in an answer that reads two ways on a Vietnamese page, and asks for it again', async () => {
		const { user, attempt } = await fresh();
		const sent = await send(user, attempt, '3.250', 'submit');
		expect(sent).toEqual({ redirect: expect.stringMatching(/\?p=1&reenter$/) });
		const row = await stored(attempt);
		expect(row.state).toBe('in_progress');
		expect(row.responses['hoan-von']).toEqual({ type: 'numeric', value: '3.250', locale: 'vi' });

		const page = await shown(user, attempt, '?p=1&reenter');
		expect(page.handInRefused).toBe(true);
		expect(page.responses['hoan-von']).toMatchObject({ value: '3.250' });
		expect(page.reenter).toEqual({
			'hoan-von':
				'Chưa rõ “3.250” là 3250 hay 3,25. Vui lòng nhập lại: gõ 3250 nếu là số nguyên, hoặc 3,25 nếu là số thập phân.'
		});

		// Typed again as asked: handed in and right.
		expect(await send(user, attempt, '3,25', 'submit')).toEqual({
			redirect: expect.stringContaining('?completed')
		});
		expect(await stored(attempt)).toMatchObject({ state: 'submitted', passed: true, score: 2 });
	});

	it('asks an English reader in English, and reads their decimal point', async () => {
		overwriteGetLocale(() => 'en');
		const { user, attempt } = await fresh();
		expect(await send(user, attempt, '3,250', 'submit')).toEqual({
			redirect: expect.stringMatching(/\?p=1&reenter$/)
		});
		expect((await shown(user, attempt)).reenter).toEqual({
			'hoan-von':
				'We cannot tell whether “3,250” means 3250 or 3.25. Please type it again: 3250 for the whole number, or 3.25 for the decimal.'
		});
		await send(user, attempt, '3.250', 'submit');
		expect(await stored(attempt)).toMatchObject({ state: 'submitted', score: 2 });
	});

	it('keeps the learner on the page, answer saved, when a number is not a number', async () => {
		const { user, attempt } = await fresh();
		expect(await send(user, attempt, 'ba phẩy hai lăm', 'next')).toEqual({
			redirect: expect.stringMatching(/\?p=1$/)
		});
		expect((await shown(user, attempt)).reenter).toEqual({
			'hoan-von':
				'“ba phẩy hai lăm” không phải là một số. Vui lòng nhập lại, ví dụ 3,25 hoặc 1250000.'
		});
		// Saving in place (the button, or the autosave) says so, and keeps the text.
		expect(await send(user, attempt, '3.250', 'stay')).toMatchObject({
			reenter: { 'hoan-von': expect.stringContaining('3250 hay 3,25') }
		});
		expect((await stored(attempt)).responses['hoan-von']).toMatchObject({ value: '3.250' });
		expect(await send(user, attempt, '3.25', 'stay')).toMatchObject({ reenter: {} });
		expect((await shown(user, attempt)).reenter).toEqual({});
	});

	it('grades the three-decimal answers of the issue as written in either language', async () => {
		for (const [locale, typed] of [
			['vi', '3,250'],
			['en', '3.250'],
			['vi', '3.25'],
			['en', '3,25']
		] as const) {
			overwriteGetLocale(() => locale);
			const { user, attempt } = await fresh();
			await send(user, attempt, typed, 'submit');
			expect(await stored(attempt)).toMatchObject({ state: 'submitted', score: 2 });
		}
	});
});
