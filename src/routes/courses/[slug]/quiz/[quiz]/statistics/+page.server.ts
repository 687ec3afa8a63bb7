import { error } from '@sveltejs/kit';
import { fail, message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { extraAttemptsSchema, MAX_EXTRA_ATTEMPTS } from '$lib/schemas/quiz-grants';
import { grantExtraAttempts } from '$lib/server/quiz/grants';
import { quizAccess } from '../access';
import { staffQuizReport } from '../staff';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { course, quiz, report, scoped } = await staffQuizReport(locals, params);
	return {
		course: { slug: course.slug, title: course.title },
		quiz: { slug: quiz.slug, title: quiz.title },
		scoped,
		...report,
		// One blank form; each learner out of attempts gets their own copy (GrantForm.svelte).
		grantForm: await superValidate(zod4(extraAttemptsSchema), { id: 'grant' })
	};
};

export const actions: Actions = {
	/** Extra attempts for a learner out of them; the rule of who may is grants.ts's. */
	grant: async ({ locals, params, request }) => {
		const { user, scope } = locals;
		if (!user || !scope.staff) error(404, m.error_not_found());
		const { quiz } = await quizAccess(locals, params);
		// The form's id (one per learner) comes with the post, so the answer reaches that form.
		const form = await superValidate(request, zod4(extraAttemptsSchema));
		if (!form.valid) return fail(400, { form });
		const result = await grantExtraAttempts(locals.db, scope, {
			quiz,
			learnerId: form.data.learnerId,
			grantedBy: user.id,
			extra: Number(form.data.extra),
			reason: form.data.reason
		});
		if (!result.ok) {
			if (result.reason === 'invalid')
				return setError(form, 'extra', m.stats_grant_error_extra({ max: MAX_EXTRA_ATTEMPTS }));
			const text =
				result.reason === 'passed'
					? m.stats_grant_error_passed()
					: result.reason === 'attempts_left'
						? m.stats_grant_error_attempts_left()
						: m.error_not_found();
			const status = result.reason === 'not_found' ? 404 : 409;
			return message(form, { type: 'error', text }, { status });
		}
		return message(form, {
			type: 'success',
			text: m.stats_grant_done({ count: result.extra, name: result.learner.fullName })
		});
	}
};
