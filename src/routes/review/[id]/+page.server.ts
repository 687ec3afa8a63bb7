import { error, fail } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { version as build } from '$app/environment';
import { m } from '$lib/paraglide/messages';
import { returnReviewSchema } from '$lib/schemas/review';
import { diffCourseFiles } from '$lib/server/authoring/history';
import {
	approveReview,
	mayDecide,
	publishedFiles,
	returnReview,
	reviewById,
	reviewFiles,
	type DecisionResult
} from '$lib/server/authoring/review';
import { requireReviewer } from '../access.server';
import { describeProblems } from '../../author/problems.server';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function subject({ locals, params, url }: Pick<RequestEvent, 'locals' | 'params' | 'url'>) {
	const user = requireReviewer(locals, url);
	if (!/^[0-9a-f-]{36}$/i.test(params.id)) error(404, m.error_not_found());
	const found = await reviewById(locals.db, params.id);
	if (!found) error(404, m.error_not_found());
	return { user, ...found };
}

/** Why a decision was refused, in the reviewer's words. */
function refusal(result: Exclude<DecisionResult, { ok: true }>) {
	if ('problems' in result)
		return { decisionError: m.review_problems(), problems: describeProblems(result.problems) };
	if (result.reason === 'own_course') return { decisionError: m.review_own_course_refused() };
	if (result.reason === 'not_waiting') return { decisionError: m.review_not_waiting() };
	error(404, m.error_not_found());
}

export const load: PageServerLoad = async (event) => {
	const { user, review, course, submittedByName } = await subject(event);
	const { locals } = event;
	const [before, after, decides] = await Promise.all([
		publishedFiles(locals.db, course),
		reviewFiles(locals.db, review.id),
		mayDecide(locals.db, locals.scope, user.id, course.id)
	]);
	return {
		review: {
			id: review.id,
			status: review.status,
			note: review.note,
			submittedAt: review.submittedAt,
			submittedByName,
			decidedAt: review.decidedAt,
			comment: review.comment
		},
		course: { slug: course.slug, title: course.title, firstVersion: !course.currentVersionId },
		diffs: diffCourseFiles(before, after),
		decides,
		returnForm: await superValidate(zod4(returnReviewSchema), { id: 'return' })
	};
};

export const actions: Actions = {
	approve: async (event) => {
		const { user, review } = await subject(event);
		const result = await approveReview(event.locals.db, review.id, user.id, build);
		if (!result.ok) return fail('problems' in result ? 422 : 409, refusal(result));
		return { approved: m.review_approved({ number: result.number }) };
	},
	sendBack: async (event) => {
		const { user, review } = await subject(event);
		const form = await superValidate(event.request, zod4(returnReviewSchema), { id: 'return' });
		if (!form.valid) return fail(400, { returnForm: form });
		const result = await returnReview(event.locals.db, review.id, user.id, form.data.comment);
		if (!result.ok) {
			const refused = refusal(result);
			return setError(form, 'comment', refused.decisionError);
		}
		return message(form, { type: 'success', text: m.review_returned() });
	}
};
