import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import { lessonContent } from '$lib/server/courses/catalogue';
import { recordActivity, summarise, type LessonState } from '$lib/server/progress';
import { courseQuizzes, quizzesLeft } from '$lib/server/quiz/overview';
import { workshopStandings } from '$lib/server/workshops/blended';
import { lessonAccess } from './access';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/**
 * What is left of the course once its last lesson is done: the required lessons not finished and the
 * required quizzes not passed, by name, so the page can point to them (or to the course page when
 * nothing is left).
 */
async function whatIsLeft(
	locals: App.Locals,
	courseId: string,
	userId: string,
	lessons: LessonState[]
) {
	const [quizzes, standings] = await Promise.all([
		courseQuizzes(locals.db, courseId, userId).then(quizzesLeft),
		workshopStandings(locals.db, userId, [courseId])
	]);
	const workshop = standings.get(courseId);
	return {
		lessons: lessons
			.filter((l) => l.required && !l.completed)
			.map((l) => ({ slug: l.slug, title: l.title })),
		quizzes: quizzes.map((q) => ({ slug: q.slug, title: q.title })),
		// A blended course's workshop, while it is still to attend.
		workshop: workshop && !workshop.met ? workshop : null
	};
}

// Loading this page writes nothing: hovering a link runs `load` (data-sveltekit-preload-data), and so
// does any prefetcher's GET, without anyone reading. The view is recorded by the page once shown
// (progress/+server.ts) or, without JavaScript, by the buttons below that lead from lesson to lesson.
export const load: PageServerLoad = async ({ locals, params, url, isDataRequest }) => {
	const { course, currentVersionId, enrolment, lessons } = await lessonAccess(locals, params.slug);
	const lesson = await lessonContent(locals.db, course.id, currentVersionId, params.lesson);
	if (!lesson) error(404, m.error_not_found());
	const index = lessons.findIndex((l) => l.id === lesson.id);
	const english = getLocale() === 'en' && Boolean(lesson.html.en);
	const last = index === lessons.length - 1;
	const left =
		enrolment && last && lessons[index]?.completed
			? await whatIsLeft(locals, course.id, enrolment.userId, lessons)
			: null;
	const html = english ? lesson.html.en! : lesson.html.vi;
	// The lesson's HTML goes out once: in the first page's markup (hooks/html-once.ts), not again in
	// the data serialised beside it; a move within the page (a data request) brings it as data.
	if (!isDataRequest) locals.htmlOnce = html;
	return {
		course: {
			slug: course.slug,
			title: course.title,
			completeOnReachingEnd: course.completion.completeOnReachingEnd,
			certificate: course.certificate.enabled
		},
		lesson: {
			slug: lesson.slug,
			title: lesson.title,
			minutes: lesson.minutes,
			html: isDataRequest ? html : null,
			contentLocale: english ? ('en' as const) : ('vi' as const),
			onlyVietnamese: getLocale() === 'en' && !english,
			completed: lessons[index]?.completed ?? false
		},
		lessons,
		position: index + 1,
		previous: lessons[index - 1]?.slug ?? null,
		next: lessons[index + 1]?.slug ?? null,
		tracked: Boolean(enrolment),
		/**
		 * Already the learner's current lesson (the button that led here recorded it): the page need
		 * not record its view; the next heartbeat credits the time here all the same.
		 */
		viewRecorded: enrolment?.lastLessonId === lesson.id,
		progress: enrolment ? summarise(lessons, lesson.id) : null,
		courseCompleted: url.searchParams.has('completed'),
		/** After the last lesson: what stands between the learner and the course's completion. */
		left,
		/** The learner has completed the course (now or before). */
		courseDone: Boolean(enrolment?.completedAt)
	};
};

/** The lesson whose page a button was pressed on, and the lesson the button names, if it does. */
async function buttonPressed(event: RequestEvent, field: 'next' | 'to') {
	const { locals, params, request } = event;
	const { course, currentVersionId, enrolment } = await lessonAccess(locals, params.slug);
	const lesson = await lessonContent(locals.db, course.id, currentVersionId, params.lesson);
	if (!lesson) error(404, m.error_not_found());
	const slug = String((await request.formData()).get(field) ?? '');
	const named = /^[a-z0-9-]+$/.test(slug)
		? await lessonContent(locals.db, course.id, currentVersionId, slug)
		: undefined;
	return { course, enrolment, lesson, named };
}

export const actions: Actions = {
	/** Marks the lesson done; with next, goes on to the next lesson (one press, no JavaScript). */
	complete: async (event) => {
		const { course, enrolment, lesson, named: next } = await buttonPressed(event, 'next');
		let completed = false;
		if (enrolment) {
			({ courseCompleted: completed } = await recordActivity(event.locals.db, {
				userId: enrolment.userId,
				courseId: course.id,
				lessonId: lesson.id,
				complete: true,
				goingTo: next?.id
			}));
		}
		const base = `/courses/${course.slug}`;
		if (completed) redirect(303, localizeHref(`${base}/${lesson.slug}?completed`));
		redirect(303, localizeHref(`${base}/${(next ?? lesson).slug}`));
	},

	/**
	 * "Previous" and "next" without JavaScript: the move to another lesson is recorded here, on a real
	 * press, since showing that lesson records nothing. With JavaScript they are links instead.
	 */
	go: async (event) => {
		const { course, enrolment, lesson, named: to } = await buttonPressed(event, 'to');
		if (!to) error(404, m.error_not_found());
		if (enrolment) {
			await recordActivity(event.locals.db, {
				userId: enrolment.userId,
				courseId: course.id,
				lessonId: lesson.id,
				goingTo: to.id
			});
		}
		redirect(303, localizeHref(`/courses/${course.slug}/${to.slug}`));
	}
};
