import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import { lessonContent } from '$lib/server/courses/catalogue';
import { lessonStates, recordActivity, summarise } from '$lib/server/progress';
import { lessonAccess } from './access';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { course, currentVersionId, enrolment } = await lessonAccess(locals, params.slug);
	const lesson = await lessonContent(locals.db, course.id, currentVersionId, params.lesson);
	if (!lesson) error(404, m.error_not_found());
	if (enrolment) {
		// A view is activity: it credits reading time to the lesson read before (see progress).
		await recordActivity(locals.db, {
			userId: enrolment.userId,
			courseId: course.id,
			lessonId: lesson.id
		});
	}
	const lessons = await lessonStates(locals.db, enrolment ? enrolment.userId : null, [course.id]);
	const index = lessons.findIndex((l) => l.id === lesson.id);
	const english = getLocale() === 'en' && Boolean(lesson.html.en);
	return {
		course: {
			slug: course.slug,
			title: course.title,
			completeOnReachingEnd: course.completion.completeOnReachingEnd
		},
		lesson: {
			slug: lesson.slug,
			title: lesson.title,
			minutes: lesson.minutes,
			html: english ? lesson.html.en! : lesson.html.vi,
			contentLocale: english ? ('en' as const) : ('vi' as const),
			onlyVietnamese: getLocale() === 'en' && !english,
			completed: lessons[index]?.completed ?? false
		},
		lessons,
		position: index + 1,
		previous: lessons[index - 1]?.slug ?? null,
		next: lessons[index + 1]?.slug ?? null,
		tracked: Boolean(enrolment),
		progress: enrolment ? summarise(lessons, lesson.id) : null,
		courseCompleted: url.searchParams.has('completed')
	};
};

export const actions: Actions = {
	/** Marks the lesson done; with then=next, goes on to the next lesson (one press, no JavaScript). */
	complete: async ({ locals, params, request }) => {
		const { course, currentVersionId, enrolment } = await lessonAccess(locals, params.slug);
		const lesson = await lessonContent(locals.db, course.id, currentVersionId, params.lesson);
		if (!lesson) error(404, m.error_not_found());
		const form = await request.formData();
		const next = String(form.get('next') ?? '');
		let completed = false;
		if (enrolment) {
			({ courseCompleted: completed } = await recordActivity(locals.db, {
				userId: enrolment.userId,
				courseId: course.id,
				lessonId: lesson.id,
				complete: true
			}));
		}
		const base = `/courses/${course.slug}`;
		if (completed) redirect(303, localizeHref(`${base}/${lesson.slug}?completed`));
		if (next && /^[a-z0-9-]+$/.test(next)) redirect(303, localizeHref(`${base}/${next}`));
		redirect(303, localizeHref(`${base}/${lesson.slug}`));
	}
};
