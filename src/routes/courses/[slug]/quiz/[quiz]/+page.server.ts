import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { localizeHref } from '$lib/paraglide/runtime';
import { closeExpiredAttempts, definitionOf } from '$lib/server/quiz/attempts';
import { allowedAttempts, attemptsLeft, extraOf, grantsOf } from '$lib/server/quiz/allowance';
import { quizSettings } from '$lib/server/quiz/overview';
import { attemptsListed, startQuiz } from '$lib/server/quiz/start';
import { quizAccess } from './access';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { course, quiz, enrolled } = await quizAccess(locals, params);
	if (locals.user) await closeExpiredAttempts(locals.db, locals.user.id);
	const [attempts, grants] = locals.user
		? await Promise.all([
				attemptsListed(locals.db, quiz.id, locals.user.id),
				grantsOf(locals.db, quiz.id, locals.user.id)
			])
		: [[], []];
	const definition = definitionOf(quiz);
	const extra = extraOf(grants);
	return {
		course: { slug: course.slug, title: course.title },
		quiz: {
			slug: quiz.slug,
			title: quiz.title,
			description: definition.description ?? null,
			required: quiz.required,
			...quizSettings(definition)
		},
		enrolled,
		/** Attempts granted beyond the quiz's limit, and how many of all are left to make. */
		extra,
		left: attemptsLeft(allowedAttempts(definition, extra), attempts.length),
		staff: locals.scope.staff,
		attempts: attempts.map((a) => ({
			id: a.id,
			number: a.number,
			state: a.state,
			startedAt: a.startedAt,
			percent: a.percent,
			passed: a.passed
		}))
	};
};

export const actions: Actions = {
	start: async ({ locals, params }) => {
		if (!locals.user) redirect(303, localizeHref('/sign-in'));
		const result = await startQuiz(locals.db, params.slug, params.quiz, locals.user, locals.scope);
		if (!result.ok && result.reason === 'not_found') error(404, m.error_not_found());
		if (!result.ok) {
			return fail(409, {
				error:
					result.reason === 'no_attempts_left' ? m.quiz_no_attempts_left() : m.quiz_enrol_first()
			});
		}
		redirect(303, localizeHref(`/courses/${params.slug}/quiz/${params.quiz}/${result.attemptId}`));
	}
};
