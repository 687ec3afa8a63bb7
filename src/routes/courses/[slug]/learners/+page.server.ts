import { error } from '@sveltejs/kit';
import { fail, message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { staffEnrolSchema } from '$lib/schemas/courses';
import { invitationSchema } from '$lib/schemas/invitations';
import { mayViewCourseAs } from '$lib/server/courses/access';
import { enrolByStaff, getCourseBySlug } from '$lib/server/enrolment';
import { INVITATION_DAYS, openInvitations, withdrawInvitation } from '$lib/server/invitations';
import { listOrganisations } from '$lib/server/organisations';
import { reachOf } from '$lib/server/organisations/reach';
import { courseLearners } from '$lib/server/progress';
import type { Actions, PageServerLoad } from './$types';

async function staffCourse(locals: App.Locals, slug: string) {
	const { user } = locals;
	const scope = locals.scope;
	if (!user || !scope.staff) error(404, m.error_not_found());
	const course = await getCourseBySlug(locals.db, slug);
	// Staff work on the courses they may see themselves: another organisation's own course is not
	// theirs to enrol people in (courses/access.ts).
	if (!course || !(await mayViewCourseAs(locals.db, course, user, scope)))
		error(404, m.error_not_found());
	return { scope, course, user };
}

/** The invitations of this course a staff member sees: their organisations', or all for administrators. */
const sentBy = (scope: App.Locals['scope'], courseId: string) => ({
	courseId,
	organisationIds: scope.admin ? ('all' as const) : scope.organisationIds
});

export const load: PageServerLoad = async ({ locals, params }) => {
	const { scope, course } = await staffCourse(locals, params.slug);
	const [learners, invitations, organisations] = await Promise.all([
		reachOf(locals.db, scope).then((reach) => courseLearners(locals.db, course.id, reach)),
		openInvitations(locals.db, sentBy(scope, course.id)),
		// Whom an invitation comes from is asked only of someone working for several organisations.
		!scope.admin && scope.organisationIds.length > 1 ? listOrganisations(locals.db) : []
	]);
	const organisationOptions = organisations
		.filter((o) => scope.organisationIds.includes(o.id))
		.map((o) => ({ value: o.id, label: o.name }));
	const form = await superValidate(zod4(staffEnrolSchema));
	form.data.organisationId = organisationOptions[0]?.value ?? '';
	return {
		course: { slug: course.slug, title: course.title },
		learners,
		invitations,
		invitationDays: INVITATION_DAYS,
		organisationOptions,
		scoped: !scope.admin,
		form
	};
};

export const actions: Actions = {
	enrol: async ({ locals, params, request }) => {
		const { scope, course, user } = await staffCourse(locals, params.slug);
		const form = await superValidate(request, zod4(staffEnrolSchema));
		if (!form.valid) return fail(400, { form });
		let organisationId: string | null = null;
		if (!scope.admin) {
			const [only] = scope.organisationIds;
			organisationId = scope.organisationIds.length === 1 ? only : form.data.organisationId || null;
			if (!organisationId || !scope.organisationIds.includes(organisationId))
				return setError(form, 'organisationId', m.cohort_error_organisation());
		}
		const result = await enrolByStaff(
			locals.db,
			scope,
			user.id,
			course,
			organisationId,
			form.data.identifier
		);
		// Only administrators hear of an unknown account; a trainer or manager hears of an
		// invitation, the same words whether or not the account exists.
		if (!result.ok) return setError(form, 'identifier', m.learners_user_not_found());
		const text =
			result.enrolled === 'invited'
				? m.learners_invited()
				: result.enrolled === 'already'
					? m.learners_already({ name: result.user.fullName })
					: m.learners_enrolled({ name: result.user.fullName });
		form.data.identifier = '';
		return message(form, { type: 'success', text });
	},
	withdraw: async ({ locals, params, request }) => {
		const { scope, course, user } = await staffCourse(locals, params.slug);
		const input = invitationSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!input.success) return fail(400, { withdrawn: false });
		const withdrawn = await withdrawInvitation(
			locals.db,
			user.id,
			sentBy(scope, course.id),
			input.data.invitationId
		);
		return { withdrawn };
	}
};
