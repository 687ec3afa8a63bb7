import { error, redirect } from '@sveltejs/kit';
import { fail, message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { localizeHref } from '$lib/paraglide/runtime';
import { enrolSchema } from '$lib/schemas/courses';
import {
	courseWithEnrolment,
	enrolSelf,
	getCourseBySlug,
	leaveCourse
} from '$lib/server/enrolment';
import { certificatePaths } from '$lib/certificates';
import { certificateFor, certificateLinks } from '$lib/server/certificates';
import { learnerDeadline } from '$lib/server/cohorts/deadline';
import { config } from '$lib/server/config';
import { mayViewCourseAs } from '$lib/server/courses/access';
import { lessonStates, summarise } from '$lib/server/progress';
import { courseQuizzes, quizzesLeft } from '$lib/server/quiz/overview';
import { workshopStandings } from '$lib/server/workshops/blended';
import { courseAssignments } from './assignment/outline';
import type { Actions, PageServerLoad } from './$types';

/** The learner's certificate for a completed course: its code, number and public share address. */
async function heldCertificate(locals: App.Locals, courseId: string, origin: string) {
	const found = await certificateFor(locals.db, locals.user!.id, courseId);
	return (
		found && {
			number: found.number,
			...certificatePaths(found.code),
			share: certificateLinks(origin).verify(found.code)
		}
	);
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const found = await courseWithEnrolment(locals.db, params.slug, locals.user?.id ?? null);
	if (!found || !(await mayViewCourseAs(locals.db, found.course, locals.user, locals.scope)))
		error(404, m.error_not_found());
	const { course, enrolment } = found;
	const scope = locals.scope;
	const active = enrolment?.status === 'active';
	const lessons = await lessonStates(locals.db, active ? locals.user!.id : null, [course.id]);
	const quizzes = await courseQuizzes(locals.db, course.id, active ? locals.user!.id : null);
	const assignments = await courseAssignments(
		locals.db,
		course.id,
		active ? locals.user!.id : null
	);
	const completed = active && Boolean(enrolment.completedAt);
	const deadline = active
		? await learnerDeadline(locals.db, locals.user!.id, course.id, completed)
		: null;
	return {
		course: {
			slug: course.slug,
			title: course.title,
			summary: course.summary,
			audiences: course.audiences,
			directiveItems: course.directiveItems,
			languages: course.languages,
			hours: course.hours,
			status: course.status,
			enrolment: course.enrolment,
			certificate: course.certificate
		},
		lessons,
		quizzes,
		// Each after the lesson it follows, those that follow none at the end.
		assignments: assignments
			.map((a) => ({ ...a, position: lessons.findIndex((l) => l.slug === a.afterLesson) }))
			.map((a) => ({ ...a, position: a.position < 0 ? lessons.length : a.position }))
			.sort((a, b) => a.position - b.position)
			.map(({ position, ...a }) => ({
				...a,
				afterTitle: position < lessons.length ? lessons[position].title : null
			})),
		quizzesLeft: active ? quizzesLeft(quizzes).map((q) => ({ slug: q.slug, title: q.title })) : [],
		certificate: completed
			? await heldCertificate(locals, course.id, config().origin ?? url.origin)
			: undefined,
		enrolment: enrolment && { status: enrolment.status, completedAt: enrolment.completedAt },
		progress: active ? summarise(lessons, enrolment.lastLessonId) : null,
		// A blended course: the workshop the learner is to attend, and how far they are.
		workshop: active
			? ((await workshopStandings(locals.db, locals.user!.id, [course.id])).get(course.id) ?? null)
			: null,
		deadline,
		staff: scope.staff,
		signedIn: Boolean(locals.user),
		form: await superValidate(zod4(enrolSchema))
	};
};

export const actions: Actions = {
	enrol: async ({ locals, params, request, url }) => {
		if (!locals.user)
			redirect(303, localizeHref(`/sign-in?redirectTo=${encodeURIComponent(url.pathname)}`));
		const course = await getCourseBySlug(locals.db, params.slug);
		if (!course || !(await mayViewCourseAs(locals.db, course, locals.user, locals.scope)))
			error(404, m.error_not_found());
		const form = await superValidate(request, zod4(enrolSchema));
		if (!form.valid) return fail(400, { form });
		const result = await enrolSelf(locals.db, locals.user.id, course, form.data.key);
		if (!result.ok) {
			if (result.reason === 'wrong_key') return setError(form, 'key', m.course_enrol_wrong_key());
			if (result.reason === 'key_required')
				return setError(form, 'key', m.course_enrol_key_required());
			return message(form, { type: 'error', text: m.course_enrol_assigned() }, { status: 403 });
		}
		return message(form, {
			type: 'success',
			text: result.returning ? m.course_returned_notice() : m.course_enrolled_notice()
		});
	},

	leave: async ({ locals, params }) => {
		if (!locals.user) redirect(303, localizeHref('/sign-in'));
		const course = await getCourseBySlug(locals.db, params.slug);
		if (!course) error(404, m.error_not_found());
		await leaveCourse(locals.db, locals.user.id, course.id);
		return { left: true };
	}
};
