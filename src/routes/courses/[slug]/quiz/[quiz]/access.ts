import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { staffScope } from '$lib/server/auth/staff';
import type { Database } from '$lib/server/db';
import { getCourseBySlug, getEnrolment } from '$lib/server/enrolment';
import { getQuiz } from '$lib/server/quiz/attempts';

/** The course and quiz, if this user may see them; enrolled learners take quizzes, staff look. */
export async function quizAccess(
	db: Database,
	user: App.Locals['user'],
	params: { slug: string; quiz: string }
) {
	const course = await getCourseBySlug(db, params.slug);
	if (!course?.currentVersionId) error(404, m.error_not_found());
	const scope = await staffScope(db, user);
	if (course.status !== 'published' && !scope.staff) error(404, m.error_not_found());
	const quiz = await getQuiz(db, course.id, params.quiz);
	if (!quiz) error(404, m.error_not_found());
	const enrolment = user ? await getEnrolment(db, user.id, course.id) : undefined;
	return { course, quiz, enrolled: enrolment?.status === 'active' };
}
