import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { localizeHref } from '$lib/paraglide/runtime';
import { mayViewCourseAs } from '$lib/server/courses/access';
import { courseReading } from '$lib/server/lessons/view';

/**
 * Who may open a lesson: learners enrolled in the course, and staff previewing (untracked). Everyone
 * else is sent to the course page, where they can enrol. The course, the enrolment and the lessons
 * with the reader's progress come in one round trip (lessons/view.ts).
 */
export async function lessonAccess(locals: App.Locals, courseSlug: string) {
	const found = await courseReading(locals.db, courseSlug, locals.user?.id ?? null);
	if (!found || !(await mayViewCourseAs(locals.db, found.course, locals.user, locals.scope)))
		error(404, m.error_not_found());
	const { course, enrolment } = found;
	const enrolled = enrolment?.status === 'active';
	const { staff } = locals.scope;
	if (!enrolled && !staff) redirect(303, localizeHref(`/courses/${course.slug}`));
	return {
		course,
		currentVersionId: course.currentVersionId!,
		enrolment: enrolled ? enrolment : undefined,
		// A preview shows no one's progress, even the previewer's own from an earlier enrolment.
		lessons: enrolled ? found.lessons : found.lessons.map(untracked)
	};
}

function untracked<T extends { completed: boolean; secondsSpent: number }>(lesson: T): T {
	return { ...lesson, completed: false, secondsSpent: 0 };
}
