import { error } from '@sveltejs/kit';
import { fail, message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { staffEnrolSchema } from '$lib/schemas/courses';
import { enrolByStaff, getCourseBySlug } from '$lib/server/enrolment';
import { courseLearners } from '$lib/server/progress';
import type { Actions, PageServerLoad } from './$types';

async function staffCourse(locals: App.Locals, slug: string) {
	const { user } = locals;
	const scope = locals.scope;
	if (!user || !scope.staff) error(404, m.error_not_found());
	const course = await getCourseBySlug(locals.db, slug);
	if (!course) error(404, m.error_not_found());
	return { scope, course, user };
}

export const load: PageServerLoad = async ({ locals, params }) => {
	const { scope, course } = await staffCourse(locals, params.slug);
	// Administrators see everyone; trainers and managers only their organisations' people.
	const learners = await courseLearners(
		locals.db,
		course.id,
		scope.admin ? undefined : scope.organisationIds
	);
	return {
		course: { slug: course.slug, title: course.title },
		learners,
		scoped: !scope.admin,
		form: await superValidate(zod4(staffEnrolSchema))
	};
};

export const actions: Actions = {
	default: async ({ locals, params, request }) => {
		const { course, user } = await staffCourse(locals, params.slug);
		const form = await superValidate(request, zod4(staffEnrolSchema));
		if (!form.valid) return fail(400, { form });
		const result = await enrolByStaff(locals.db, user.id, course, form.data.identifier);
		if (!result.ok) return setError(form, 'identifier', m.learners_user_not_found());
		const text =
			result.enrolled === 'already'
				? m.learners_already({ name: result.user.fullName })
				: m.learners_enrolled({ name: result.user.fullName });
		form.data.identifier = '';
		return message(form, { type: 'success', text });
	}
};
