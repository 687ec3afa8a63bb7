import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { localizeHref } from '$lib/paraglide/runtime';
import { staffScope } from '$lib/server/auth/staff';
import type { Database } from '$lib/server/db';
import { getCourseBySlug, getEnrolment } from '$lib/server/enrolment';

/**
 * Who may open a lesson: learners enrolled in the course, and staff previewing (untracked). Everyone
 * else is sent to the course page, where they can enrol.
 */
export async function lessonAccess(db: Database, user: App.Locals['user'], courseSlug: string) {
	const course = await getCourseBySlug(db, courseSlug);
	if (!course?.currentVersionId) error(404, m.error_not_found());
	const scope = await staffScope(db, user);
	if (course.status !== 'published' && !scope.staff) error(404, m.error_not_found());
	const enrolment = user ? await getEnrolment(db, user.id, course.id) : undefined;
	const enrolled = enrolment?.status === 'active';
	if (!enrolled && !scope.staff) redirect(303, localizeHref(`/courses/${course.slug}`));
	return {
		course,
		currentVersionId: course.currentVersionId,
		enrolment: enrolled ? enrolment : undefined
	};
}
