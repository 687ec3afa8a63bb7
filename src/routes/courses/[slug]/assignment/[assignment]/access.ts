import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getAssignment } from '$lib/server/assignments/submissions';
import { mayViewCourseAs } from '$lib/server/courses/access';
import { courseWithEnrolment } from '$lib/server/enrolment';

/** The course and assignment, if this user may see them; enrolled learners work, staff look. */
export async function assignmentAccess(
	locals: App.Locals,
	params: { slug: string; assignment: string }
) {
	const found = await courseWithEnrolment(locals.db, params.slug, locals.user?.id ?? null);
	if (!found || !(await mayViewCourseAs(locals.db, found.course, locals.user, locals.scope)))
		error(404, m.error_not_found());
	const { course, enrolment } = found;
	const assignment = await getAssignment(locals.db, course.id, params.assignment);
	if (!assignment) error(404, m.error_not_found());
	return { course, assignment, enrolled: enrolment?.status === 'active' };
}
